// Resolves a parsed template's values as CloudFormation would for one set of parameters: conditions, Ref,
// Fn::GetAtt (the attributes the stack uses), Fn::Sub, Fn::Join, Fn::Select, Fn::Split, Fn::If and AWS::NoValue.
// Resources get the physical names CloudFormation would give them (<stack>-<logical id>, or their name property);
// ARNs follow each service's ARN format (https://docs.aws.amazon.com/service-authorization/latest/reference/).

const NO_VALUE = Symbol('AWS::NoValue');

/** Where the stack is deployed, for the pseudo parameters. */
export const STACK = { AccountId: '111122223333', Region: 'eu-west-1', Partition: 'aws', StackName: 'tributary' };

/**
 * A resolver of {@code template} deployed with {@code parameters} (the rest take their defaults).
 * {@code value(v)} resolves a template value, {@code text(s)} a Fn::Sub string, {@code holds(c)} a condition.
 */
export function resolver(template, parameters = {}, stack = STACK) {
  const declared = template.Parameters ?? {};
  for (const name of Object.keys(parameters)) {
    if (!(name in declared)) throw new Error(`no parameter ${name} in the template`);
  }
  const params = Object.fromEntries(Object.entries(declared).map(([name, p]) => {
    const given = name in parameters ? parameters[name] : p.Default;
    if (given === undefined) throw new Error(`parameter ${name} has no default: give it`);
    return [name, String(given)];
  }));
  const resources = template.Resources ?? {};
  const pseudo = {
    'AWS::AccountId': stack.AccountId, 'AWS::Region': stack.Region, 'AWS::Partition': stack.Partition,
    'AWS::StackName': stack.StackName, 'AWS::URLSuffix': 'amazonaws.com',
    'AWS::StackId': `arn:${stack.Partition}:cloudformation:${stack.Region}:${stack.AccountId}:stack/${stack.StackName}/1`,
  };
  const arnOf = (service, rest, region = stack.Region, account = stack.AccountId) =>
    `arn:${stack.Partition}:${service}:${region}:${account}:${rest}`;

  const conditions = new Map();
  function holds(name) {
    if (!conditions.has(name)) {
      const definition = template.Conditions?.[name];
      if (definition === undefined) throw new Error(`no condition ${name}`);
      conditions.set(name, Boolean(value(definition)));
    }
    return conditions.get(name);
  }

  function physicalName(logical) {
    const resource = resources[logical];
    const props = resource.Properties ?? {};
    const named = { 'AWS::S3::Bucket': 'BucketName', 'AWS::Logs::LogGroup': 'LogGroupName',
      'AWS::DynamoDB::Table': 'TableName', 'AWS::Lambda::Function': 'FunctionName', 'AWS::IAM::Role': 'RoleName' };
    const property = named[resource.Type];
    if (property && props[property] !== undefined) return value(props[property]);
    const generated = `${stack.StackName}-${logical}`;
    return resource.Type === 'AWS::S3::Bucket' ? generated.toLowerCase() : generated;
  }

  function ref(name) {
    if (name in pseudo) return pseudo[name];
    if (name === 'AWS::NoValue') return NO_VALUE;
    if (name in params) return params[name];
    const resource = resources[name];
    if (!resource) throw new Error(`Ref to unknown ${name}`);
    const id = physicalName(name);
    switch (resource.Type) {
      case 'AWS::SNS::Topic': return arnOf('sns', id);
      case 'AWS::SQS::Queue': return `https://sqs.${stack.Region}.amazonaws.com/${stack.AccountId}/${id}`;
      case 'AWS::StepFunctions::StateMachine': return arnOf('states', `stateMachine:${id}`);
      case 'AWS::Events::Rule': return id;
      default: return id;
    }
  }

  function getAtt(logical, attribute) {
    const resource = resources[logical];
    if (!resource) throw new Error(`Fn::GetAtt of unknown ${logical}`);
    const id = physicalName(logical);
    const arns = {
      'AWS::S3::Bucket': () => `arn:${stack.Partition}:s3:::${id}`,
      'AWS::DynamoDB::Table': () => arnOf('dynamodb', `table/${id}`),
      'AWS::IAM::Role': () => `arn:${stack.Partition}:iam::${stack.AccountId}:role/${id}`,
      'AWS::Lambda::Function': () => arnOf('lambda', `function:${id}`),
      'AWS::SQS::Queue': () => arnOf('sqs', id),
      'AWS::KMS::Key': () => arnOf('kms', `key/${id}`),
      'AWS::Logs::LogGroup': () => arnOf('logs', `log-group:${id}:*`),
      'AWS::StepFunctions::StateMachine': () => arnOf('states', `stateMachine:${id}`),
      'AWS::SNS::Topic': () => arnOf('sns', id),
      'AWS::Events::Rule': () => arnOf('events', `rule/${id}`),
    };
    if (attribute === 'Arn' && arns[resource.Type]) return arns[resource.Type]();
    if (attribute === 'Name' && resource.Type === 'AWS::StepFunctions::StateMachine') return id;
    if (attribute === 'QueueName') return id;
    throw new Error(`Fn::GetAtt ${logical}.${attribute} is not resolved here`);
  }

  function text(template, variables = {}) {
    return template.replace(/\$\{([^}]*)\}/g, (whole, name) => {
      if (name.startsWith('!')) return `\${${name.slice(1)}}`;
      const key = name.trim();
      if (key in variables) return String(value(variables[key]));
      const dot = key.indexOf('.');
      if (dot > 0 && !key.startsWith('AWS::')) return String(getAtt(key.slice(0, dot), key.slice(dot + 1)));
      return String(ref(key));
    });
  }

  function value(v) {
    if (Array.isArray(v)) return v.map(value).filter((item) => item !== NO_VALUE);
    if (v === null || typeof v !== 'object') return v;
    const keys = Object.keys(v);
    if (keys.length === 1) {
      const [fn] = keys;
      const arg = v[fn];
      switch (fn) {
        case 'Ref': return ref(arg);
        case 'Condition': return holds(arg);
        case 'Fn::GetAtt': return getAtt(...(typeof arg === 'string' ? arg.split('.', 2) : arg));
        case 'Fn::Sub': return typeof arg === 'string' ? text(arg) : text(arg[0], arg[1]);
        case 'Fn::Join': return value(arg[1]).join(arg[0]);
        case 'Fn::Select': return value(arg[1])[Number(value(arg[0]))];
        case 'Fn::Split': return String(value(arg[1])).split(arg[0]);
        case 'Fn::If': return value(holds(arg[0]) ? arg[1] : arg[2]);
        case 'Fn::Equals': return String(value(arg[0])) === String(value(arg[1]));
        case 'Fn::Not': return !value(arg[0]);
        case 'Fn::And': return arg.every((c) => value(c));
        case 'Fn::Or': return arg.some((c) => value(c));
        default:
          if (fn.startsWith('Fn::')) throw new Error(`${fn} is not resolved here`);
      }
    }
    const out = {};
    for (const [key, item] of Object.entries(v)) {
      const resolved = value(item);
      if (resolved !== NO_VALUE) out[key] = resolved;
    }
    return out;
  }

  /** The template's resources that exist under these parameters (their Condition holds). */
  function present() {
    return Object.entries(resources).filter(([, r]) => r.Condition === undefined || holds(r.Condition));
  }

  return { value, text, holds, present, params, stack };
}
