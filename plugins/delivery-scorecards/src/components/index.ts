export { EntityDoraCard } from './EntityDoraCard';
export { TeamScorecardContent } from './TeamScorecardContent';
export { OrgScorecardsPage } from './OrgScorecardsPage';
