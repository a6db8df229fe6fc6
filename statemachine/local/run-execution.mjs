// Runs one execution of a state machine definition with aws-local-stepfunctions (the real ASL
// interpreter). Every Task state is sent to Tributary's local task dispatcher over loopback HTTP.
// Usage: node run-execution.mjs <request.json>
//   request: { definitionPath, substitutions, dispatcherUrl, input, executionName, retryIntervalMs? }
// Prints one JSON line: {"status":"SUCCEEDED","output":...} or {"status":"FAILED","error":...,"cause":...},
// each with "transitions": the states entered and retried, as Step Functions bills state transitions, and
// "largestState": the largest input or output of any state, in bytes of its JSON, with the state's name
// (Step Functions fails an execution whose state data exceeds 256 KB, States.DataLimitExceeded, which no
// Catch can handle).
import { readFileSync } from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const request = JSON.parse(readFileSync(process.argv[2], 'utf8'));
let text = readFileSync(request.definitionPath, 'utf8');
for (const [name, value] of Object.entries(request.substitutions)) {
  text = text.split('${' + name + '}').join(value);
}
const definition = JSON.parse(text);

const handlers = {};
const retryIntervalOverrides = {};
function collect(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      handlers[name] = (input) => dispatch(name, state.Resource, input);
      if (state.Retry && request.retryIntervalMs != null) retryIntervalOverrides[name] = request.retryIntervalMs;
    }
    if (state.Type === 'Map') collect((state.ItemProcessor ?? state.Iterator).States);
    if (state.Type === 'Parallel') state.Branches.forEach((branch) => collect(branch.States));
  }
}
collect(definition.States);

async function dispatch(state, resource, input) {
  const response = await fetch(request.dispatcherUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ state, resource, input }),
  });
  const body = await response.json();
  if (!response.ok) {
    const error = new Error(body.errorMessage);
    error.name = body.errorType;
    throw error;
  }
  return body;
}

const executionArn = `arn:aws:states:local:000000000000:execution:tributary:${request.executionName}`;
const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
const execution = machine.run(request.input, {
  overrides: { taskResourceLocalHandlers: handlers, retryIntervalOverrides },
  context: {
    Execution: { Id: executionArn, Name: request.executionName, Input: request.input, StartTime: new Date().toISOString() },
  },
});
let transitions = 0;
const largestState = { bytes: 0, state: null };
const measure = (name, data) => {
  if (data === undefined) return;
  const bytes = Buffer.byteLength(JSON.stringify(data));
  if (bytes > largestState.bytes) Object.assign(largestState, { bytes, state: name });
};
const counted = (async () => {
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered' || event.type === 'StateRetried') transitions++;
    if (event.state) {
      measure(event.state.name, event.state.input);
      measure(event.state.name, event.state.output);
    }
  }
})();
// The log ends with the execution; the timeout only guards against a log that never closes.
const logged = () => Promise.race([counted, new Promise((resolve) => setTimeout(resolve, 2000))]);
try {
  const output = await execution.result;
  await logged();
  console.log(JSON.stringify({ status: 'SUCCEEDED', output, transitions, largestState }));
} catch (e) {
  await logged();
  const failure = e.cause ?? e;
  console.log(JSON.stringify({ status: 'FAILED', error: failure.name, cause: failure.message, transitions, largestState }));
}
