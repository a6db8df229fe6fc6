// Tests of check.mjs: each rule fails a template that breaks it, and the shipped template passes them all.
// Run: node --test cloudformation/check.test.mjs (the build runs it).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check, cycles, deployDocProblem, loadSpec } from './check.mjs';
import { parseTemplate } from './template.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const spec = loadSpec();

function problems(yaml) {
  return check(parseTemplate(yaml), Buffer.byteLength(yaml), spec);
}

const QUEUE = `
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeout: 60
`;

test('a well-formed template has no problem', () => {
  assert.deepEqual(problems(QUEUE), []);
});

test('an unknown property, a wrong type and a missing required property are named', () => {
  const found = problems(`
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      VisibilityTimeOut: 60
      DelaySeconds: soon
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      EventSourceArn: !GetAtt Queue.Arn
`);
  assert.ok(found.some((p) => p.startsWith('Resources.Queue.Properties.VisibilityTimeOut: not a property')), found.join('\n'));
  assert.ok(found.some((p) => p.startsWith('Resources.Queue.Properties.DelaySeconds: expected a integer')), found.join('\n'));
  assert.ok(found.includes('Resources.Mapping.Properties.FunctionName: required, missing'), found.join('\n'));
});

test('a nested property is checked against its type definition', () => {
  const found = problems(`
Resources:
  Mapping:
    Type: AWS::Lambda::EventSourceMapping
    Properties:
      FunctionName: f
      ScalingConfig:
        MaxConcurrency: 5
`);
  assert.ok(found.some((p) => p.startsWith('Resources.Mapping.Properties.ScalingConfig.MaxConcurrency: not a property')
    && p.includes('MaximumConcurrency')), found.join('\n'));
});

test('an unknown resource type, attribute, reference or condition is named', () => {
  const found = problems(`
Resources:
  Queue:
    Type: AWS::SQS::Queue
  Topic:
    Type: AWS::SNS::Topiq
  Policy:
    Type: AWS::SQS::QueuePolicy
    Condition: Nowhere
    Properties:
      Queues: [!Ref Queue, !GetAtt Queue.Url, !GetAtt Queue.Name, !Sub "\${Missing}"]
      PolicyDocument: {}
`);
  assert.ok(found.includes('Resources.Topic: AWS::SNS::Topiq is not a CloudFormation resource type'), found.join('\n'));
  assert.ok(found.some((p) => p.includes('Queue.Name: AWS::SQS::Queue has no attribute Name')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('${Missing}: no such parameter')), found.join('\n'));
  assert.ok(found.includes('Resources.Policy.Condition Nowhere: no such condition'), found.join('\n'));
});

test("Fn::Join's delimiter must be a literal, and its list takes only the functions AWS lists", () => {
  const found = problems(`
Parameters:
  Prefixes:
    Type: CommaDelimitedList
Resources:
  Queue:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Join [!Sub "\${AWS::Region}-", !Ref Prefixes]
      RedriveAllowPolicy: !Join [",", [!Equals [a, b]]]
`);
  assert.ok(found.some((p) => p.includes('the delimiter must be a literal string')), found.join('\n'));
  assert.ok(found.some((p) => p.includes('item 0 cannot be Fn::Equals')), found.join('\n'));
});

test('a dependency cycle through Ref, GetAtt, Sub or DependsOn is refused', () => {
  const found = problems(`
Resources:
  A:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !Sub "\${B.QueueName}"
  B:
    Type: AWS::SQS::Queue
    DependsOn: C
  C:
    Type: AWS::SQS::Queue
    Properties:
      QueueName: !GetAtt A.QueueName
`);
  assert.ok(found.some((p) => p.startsWith('Circular dependency between resources: A -> B -> C -> A')), found.join('\n'));
  assert.deepEqual(cycles(new Map([['x', new Set(['y'])], ['y', new Set()]])), []);
});

test('a template over the inline limit must be deployed from S3', () => {
  const deploy = '```bash\naws cloudformation deploy --template-file t.yaml --stack-name s\n```';
  assert.match(deployDocProblem(60_000, deploy, 'docs/operations.md'), /deploys it inline: aws cloudformation deploy/);
  assert.equal(deployDocProblem(60_000, deploy.replace('--stack-name', '--s3-bucket b --stack-name'), 'd'), null);
  assert.equal(deployDocProblem(40_000, deploy, 'd'), null);
  const changeSet = '```bash\naws cloudformation create-change-set --stack-name s \\\n  --template-body file://t.yaml\n```';
  assert.match(deployDocProblem(60_000, changeSet, 'd'), /deploys it inline: aws cloudformation create-change-set/);
  assert.equal(deployDocProblem(60_000, changeSet.replace('--template-body file://t.yaml',
    '--template-url https://b.s3.amazonaws.com/t.yaml'), 'd'), null);
  assert.match(deployDocProblem(60_000, 'no commands', 'd'), /no deploy command/);
});

test('the shipped template, rendered, passes every rule', async () => {
  const { execFileSync } = await import('node:child_process');
  const out = join(root, 'statemachine/target/check-test/tributary.yaml');
  execFileSync(process.execPath, [join(root, 'cloudformation/render.mjs'), out]);
  const text = readFileSync(out, 'utf8');
  assert.deepEqual(check(parseTemplate(text), Buffer.byteLength(text), spec), []);
  assert.equal(deployDocProblem(Buffer.byteLength(text), readFileSync(join(root, 'docs/operations.md'), 'utf8'), 'ops'),
    null, 'docs/operations.md deploys from S3');
});
