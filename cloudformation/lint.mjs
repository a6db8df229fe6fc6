// Lints a CloudFormation template with the npm cfn-lint (validate) and exits 1 on any critical finding.
// Usage: node cloudformation/lint.mjs <template>
// That cfn-lint bundles an old resource specification; properties AWS added since are declared here, each
// with the AWS documentation that defines it, so the rest of the template is still checked against the spec.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const awsData = require('../node_modules/cfn-lint/lib/awsData.js');
const api = require('../node_modules/cfn-lint/lib/api.js');

const NEWER_PROPERTIES = {
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-lambda-eventsourcemapping.html
  'AWS::Lambda::EventSourceMapping': { MaximumBatchingWindowInSeconds: 'Integer', BisectBatchOnFunctionError: 'Boolean',
    MaximumRetryAttempts: 'Integer' },
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sqs-queue.html
  'AWS::SQS::Queue': { SqsManagedSseEnabled: 'Boolean' },
};
for (const [type, properties] of Object.entries(NEWER_PROPERTIES)) {
  const spec = awsData.awsResources.ResourceTypes[type];
  for (const [name, primitive] of Object.entries(properties)) {
    spec.Properties[name] ??= { PrimitiveType: primitive, Required: false, UpdateType: 'Mutable' };
  }
}

const file = process.argv[2];
const result = api.validateFile(file, { guessParameters: undefined });
for (const level of ['crit', 'warn', 'info']) {
  for (const finding of result.errors[level]) {
    console.log(`${level}: ${finding.resource}: ${finding.message}`);
  }
}
console.log(`${file}: ${result.errors.crit.length} crit, ${result.errors.warn.length} warn, ${result.errors.info.length} info`);
process.exit(result.templateValid ? 0 : 1);
