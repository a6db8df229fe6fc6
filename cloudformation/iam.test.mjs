// Tests of iam.mjs: the shipped stack allows every listed call and denies the out-of-scope ones, and each
// defect the check exists for (a grant IAM would not honour, a missing grant, a made-up action, an unlisted
// integration) is reported. Run: node --test cloudformation/iam.test.mjs (the build runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { checkIam, actionExists } from './iam.mjs';
import { parseTemplate } from './template.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rendered = join(root, 'statemachine/target/iam-test/tributary.yaml');
execFileSync(process.execPath, [join(root, 'cloudformation/render.mjs'), rendered]);
const shipped = parseTemplate(readFileSync(rendered, 'utf8'));
const calls = parse(readFileSync(join(root, 'cloudformation/aws-calls.yaml'), 'utf8'));
const table = readFileSync(join(root, calls.shippedJobTable), 'utf8');

const copy = (value) => structuredClone(value);
const statements = (template, role, policy = 0) =>
  template.Resources[role].Properties.Policies[policy].PolicyDocument.Statement;
const statementWith = (template, role, action) =>
  statements(template, role).find((s) => [s.Action].flat().includes(action));

test('the shipped stack allows every listed call, denies every out-of-scope one, and names only real actions', async () => {
  assert.deepEqual(await checkIam(shipped, calls, table), []);
});

test('RunJobFlow granted on cluster/* is denied, as IAM has no resource type for it', async () => {
  const template = copy(shipped);
  statementWith(template, 'StateMachineRole', 'elasticmapreduce:RunJobFlow').Resource =
    { 'Fn::Sub': 'arn:${AWS::Partition}:elasticmapreduce:${AWS::Region}:${AWS::AccountId}:cluster/*' };
  const problems = await checkIam(template, calls, table);
  assert.ok(problems.some((p) => /StateMachineRole elasticmapreduce:RunJobFlow on \*/.test(p)), problems.join('\n'));
});

test('without CreateServiceLinkedRole the first cluster of an account is denied', async () => {
  const template = copy(shipped);
  const list = statements(template, 'StateMachineRole');
  list.splice(list.indexOf(statementWith(template, 'StateMachineRole', 'iam:CreateServiceLinkedRole')), 1);
  const problems = await checkIam(template, calls, table);
  assert.ok(problems.some((p) => p.includes('iam:CreateServiceLinkedRole')), problems.join('\n'));
});

test("a shipped table's location outside LakePrefixes is denied to the cluster", async () => {
  const template = copy(shipped);
  template.Parameters.LakePrefixes.Default = 'RAW,CONVERTED,WAREHOUSE,CUBIC';
  const problems = await checkIam(template, calls, table);
  assert.ok(problems.some((p) => p.includes('my-lake-bucket/springboard')), problems.join('\n'));
  assert.ok(problems.some((p) => p.includes('my-lake-bucket/tributary/warehouse')), problems.join('\n'));
});

test('a grant wider than the stack fails its denied calls', async () => {
  const template = copy(shipped);
  statementWith(template, 'EmrInstanceRole', 's3:ListBucket').Condition = undefined;
  statements(template, 'EmrInstanceRole').push({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
  const problems = await checkIam(template, calls, table);
  assert.ok(problems.some((p) => /FINANCE.*expected denied/.test(p)), problems.join('\n'));
});

test('S3A writing to the archive bucket with PutObject alone is denied its probe', async () => {
  const template = copy(shipped);
  const list = statements(template, 'EmrInstanceRole');
  for (let i = list.length - 1; i >= 0; i--) {
    if (JSON.stringify(list[i]).includes('CubicArchiveBucketName')) list.splice(i, 1);
  }
  list.push({ Effect: 'Allow', Action: 's3:PutObject',
    Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${CubicArchiveBucketName}/cubic/*' } });
  const problems = await checkIam(template, calls, table);
  assert.ok(problems.some((p) => /s3:GetObject on arn:aws:s3:::my-cubic-archive/.test(p)), problems.join('\n'));
  assert.ok(problems.some((p) => /s3:ListBucket on arn:aws:s3:::my-cubic-archive/.test(p)), problems.join('\n'));
});

test('an action that does not exist is named, a wildcard that matches one is not', async () => {
  assert.equal(await actionExists('s3:GetObjects'), false);
  assert.equal(await actionExists('kms:GenerateDataKey*'), true);
  assert.equal(await actionExists('elasticmapreduce:RunJobFlow'), true);
  const template = copy(shipped);
  statements(template, 'PlanRunRole').push({ Effect: 'Allow', Action: 'dynamodb:ScanTable', Resource: '*' });
  const problems = await checkIam(template, calls, table);
  assert.ok(problems.some((p) => p.includes('dynamodb:ScanTable is not an action')), problems.join('\n'));
});

test('a state machine integration whose calls are not listed is reported', async () => {
  const unlisted = copy(calls);
  unlisted.calls = unlisted.calls.filter((c) => !(c.role === 'StateMachineRole' && c.actions.includes('elasticmapreduce:CancelSteps')));
  const problems = await checkIam(shipped, unlisted, table);
  assert.ok(problems.some((p) => /addStep\.sync calls elasticmapreduce:CancelSteps/.test(p)), problems.join('\n'));
});
