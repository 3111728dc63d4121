/**
 * Delivery maturity: the Maturity tab of components, systems and groups, and the
 * organisation page with initiatives. The new frontend system installs the plugin from
 * this package's `/alpha` entry point; the level chip, the catalog/scorecard cell and
 * the API ref live in the maturity-react library.
 *
 * This entry point exports the plain components, for an app that mounts them itself
 * (with an API for `maturityApiRef` registered).
 *
 * @packageDocumentation
 */
export { EntityMaturityContent } from './components/EntityMaturityContent';
export { MaturityPage } from './components/MaturityPage';
