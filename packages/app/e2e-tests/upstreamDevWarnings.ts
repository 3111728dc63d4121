/**
 * React development-build warnings raised by third-party parts of the pages (Material
 * UI v4's ButtonBase under StrictMode, material-table's defaultProps, the catalog table
 * toolbar's <h5> inside an <h2>). The dev server prints them through console.error;
 * production builds do not, and they are not ours to fix. The browser tests fail on
 * every other console error.
 */
const UPSTREAM_DEV_WARNINGS = [
  /^Warning: findDOMNode is deprecated/,
  /^Warning: %s: Support for defaultProps will be removed from (memo|function) components/,
  /^Warning: validateDOMNesting\(\.\.\.\): %s cannot appear as a child of <%s>\.%s%s%s <h2> h5/,
];

export const isUpstreamDevWarning = (text: string) =>
  UPSTREAM_DEV_WARNINGS.some(warning => warning.test(text));
