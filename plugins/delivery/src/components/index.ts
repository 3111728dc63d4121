export { EntityDeploymentsContent } from './EntityDeploymentsContent';
export type { EntityDeploymentsContentProps } from './EntityDeploymentsContent';
export { EntityLastDeploymentsCard } from './EntityLastDeploymentsCard';
export type { EntityLastDeploymentsCardProps } from './EntityLastDeploymentsCard';
