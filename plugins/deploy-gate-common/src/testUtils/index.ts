/**
 * Test utilities of the deploy gate: a loopback fake gate and a runner of the CI gate
 * script (`ci/gate.sh`).
 *
 * @packageDocumentation
 */
export {
  startFakeGate,
  unreachableGateUrl,
  type FakeGate,
  type FakeGateAnswer,
  type FakeGateRequest,
} from './fakeGate';
export {
  gateScriptPath,
  runGateScript,
  type GateScriptRun,
  type GateShell,
} from './gateScript';
