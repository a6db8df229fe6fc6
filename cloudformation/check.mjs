// Checks a CloudFormation template as AWS would before creating anything, against AWS's own resource schemas
// as AWS CDK ships them (npm @aws-cdk/aws-service-spec, db.json.gz): resource types, property names and types,
// required properties, Fn::GetAtt attributes, Ref and Fn::Sub targets, the intrinsic functions' own rules
// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html), the
// dependency graph (Ref, Fn::GetAtt, Fn::Sub and DependsOn: CloudFormation refuses a cycle), and the template
// limits (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html).
// Usage: node cloudformation/check.mjs <template.yaml> [--deploy-doc docs/operations.md]
// Prints every problem and exits 1 if there is any.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { parseTemplate } from './template.mjs';

const require = createRequire(import.meta.url);
export const INLINE_BODY_LIMIT = 51_200; // bytes, a TemplateBody passed in the request
export const S3_BODY_LIMIT = 1_000_000; // bytes, a TemplateURL
const LIMITS = { Resources: 500, Parameters: 200, Outputs: 200, Mappings: 200 };
const PSEUDO = new Set(['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix']);
// The functions each function accepts in its arguments, from the intrinsic function reference.
const JOIN_LIST = new Set(['Fn::Base64', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::If', 'Fn::ImportValue',
  'Fn::Join', 'Fn::Split', 'Fn::Select', 'Fn::Sub', 'Ref', 'Fn::Transform']);
const SELECT_INDEX = new Set(['Fn::FindInMap', 'Ref']);
const SELECT_LIST = new Set(['Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::If', 'Fn::Split', 'Ref']);
const SPLIT_SOURCE = new Set(['Fn::Base64', 'Fn::FindInMap', 'Fn::GetAtt', 'Fn::GetAZs', 'Fn::If',
  'Fn::ImportValue', 'Fn::Join', 'Fn::Select', 'Fn::Sub', 'Ref']);
const CONDITION_FUNCTIONS = new Set(['Fn::And', 'Fn::Equals', 'Fn::If', 'Fn::Not', 'Fn::Or', 'Condition']);
const VALUE_FUNCTIONS = new Set(['Ref', 'Fn::GetAtt', 'Fn::Sub', 'Fn::Join', 'Fn::If', 'Fn::Select', 'Fn::Split',
  'Fn::FindInMap', 'Fn::GetAZs', 'Fn::ImportValue', 'Fn::Base64', 'Fn::Cidr', 'Fn::Length', 'Fn::ToJsonString',
  'Fn::Transform']);

/** AWS's resource schemas: the resource types by name and their type definitions by id. */
export function loadSpec() {
  const path = require.resolve('@aws-cdk/aws-service-spec/db.json.gz');
  const schema = JSON.parse(gunzipSync(readFileSync(path)).toString('utf8')).schema;
  const resources = new Map(schema.resource.entities.map((e) => [e.cloudFormationType, e]));
  const types = new Map(schema.typeDefinition.entities.map((e) => [e.$id, e]));
  return { resources, types };
}

function functionName(value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return null;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')
    ? keys[0] : null;
}

/** The names ${X} and ${X.Attr} of a Fn::Sub string refers to (not ${!Literal}). */
export function subReferences(text) {
  const names = [];
  for (const match of text.matchAll(/\$\{([^}!][^}]*)\}/g)) names.push(match[1].trim());
  return names;
}

/** Every problem of {@code template} (the parsed object) and its {@code bytes}. */
export function check(template, bytes, spec = loadSpec()) {
  const problems = [];
  const parameters = template.Parameters ?? {};
  const resources = template.Resources ?? {};
  const conditions = template.Conditions ?? {};
  const mappings = template.Mappings ?? {};
  for (const [section, limit] of Object.entries(LIMITS)) {
    const count = Object.keys(template[section] ?? {}).length;
    if (count > limit) problems.push(`${section}: ${count}, over CloudFormation's limit of ${limit}`);
  }
  if (bytes > S3_BODY_LIMIT) problems.push(`template: ${bytes} bytes, over the ${S3_BODY_LIMIT}-byte limit even from S3`);

  const known = (name) => PSEUDO.has(name) || name in parameters || name in resources;
  const edges = new Map(Object.keys(resources).map((r) => [r, new Set()]));

  // Walks a value: intrinsic functions' rules, references (and the edges of the resource they are in).
  function walk(value, where, from, context = 'value') {
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, `${where}[${i}]`, from, context));
      return;
    }
    if (value === null || typeof value !== 'object') return;
    const fn = functionName(value);
    if (!fn) {
      for (const [key, item] of Object.entries(value)) walk(item, `${where}.${key}`, from, context);
      return;
    }
    const args = value[fn];
    const at = `${where}: ${fn}`;
    if (context === 'value' && !VALUE_FUNCTIONS.has(fn)) problems.push(`${at} is not allowed in a property value`);
    if (context === 'condition' && !CONDITION_FUNCTIONS.has(fn) && !['Ref', 'Fn::FindInMap', 'Fn::Sub', 'Fn::Join',
      'Fn::Select', 'Fn::Split', 'Fn::GetAZs'].includes(fn)) problems.push(`${at} is not allowed in a condition`);
    const edge = (name) => {
      if (from && name in resources && name !== from) edges.get(from).add(name);
      if (from && name === from) problems.push(`${at} refers to its own resource ${name}`);
    };
    switch (fn) {
      case 'Ref':
        if (typeof args !== 'string') problems.push(`${at} takes a literal name`);
        else if (!known(args)) problems.push(`${at} ${args}: no such parameter, resource or pseudo parameter`);
        else edge(args);
        return;
      case 'Condition':
        if (!(args in conditions)) problems.push(`${at} ${args}: no such condition`);
        return;
      case 'Fn::GetAtt': {
        const [name, attribute] = typeof args === 'string' ? [args.slice(0, args.indexOf('.')), args.slice(args.indexOf('.') + 1)] : args ?? [];
        if (typeof name !== 'string' || typeof attribute !== 'string') {
          problems.push(`${at} takes [resource, attribute] as literal strings`);
          return;
        }
        if (!(name in resources)) {
          problems.push(`${at} ${name}: no such resource`);
          return;
        }
        edge(name);
        const type = spec.resources.get(resources[name].Type);
        if (type && !(attribute in (type.attributes ?? {}))) {
          problems.push(`${at} ${name}.${attribute}: ${resources[name].Type} has no attribute ${attribute}, expected one of `
            + Object.keys(type.attributes ?? {}).join(', '));
        }
        return;
      }
      case 'Fn::Sub': {
        const [text, variables] = typeof args === 'string' ? [args, {}] : args ?? [];
        if (typeof text !== 'string') {
          problems.push(`${at} takes a literal string (and a map of variables)`);
          return;
        }
        for (const [name, item] of Object.entries(variables ?? {})) walk(item, `${where}.${name}`, from, context);
        for (const reference of subReferences(text)) {
          if (reference in (variables ?? {})) continue;
          const [name, ...attribute] = reference.split('.');
          if (attribute.length === 0) {
            if (!known(name)) problems.push(`${at} \${${reference}}: no such parameter, resource or pseudo parameter`);
            else edge(name);
          } else if (PSEUDO.has(reference)) {
            // ${AWS::Region} and the like
          } else if (!(name in resources)) {
            problems.push(`${at} \${${reference}}: no such resource`);
          } else {
            edge(name);
            const type = spec.resources.get(resources[name].Type);
            if (type && !(attribute.join('.') in (type.attributes ?? {}))) {
              problems.push(`${at} \${${reference}}: ${resources[name].Type} has no attribute ${attribute.join('.')}`);
            }
          }
        }
        return;
      }
      case 'Fn::Join': {
        if (!Array.isArray(args) || args.length !== 2) {
          problems.push(`${at} takes [delimiter, list]`);
          return;
        }
        if (typeof args[0] !== 'string') {
          problems.push(`${at}: the delimiter must be a literal string ("For the Fn::Join delimiter, you can't use any functions")`);
        }
        const list = args[1];
        const listFn = functionName(list);
        if (listFn && !JOIN_LIST.has(listFn)) problems.push(`${at}: its list cannot be ${listFn}`);
        if (Array.isArray(list)) {
          list.forEach((item, i) => {
            const itemFn = functionName(item);
            if (itemFn && !JOIN_LIST.has(itemFn)) problems.push(`${at}: item ${i} cannot be ${itemFn}`);
          });
        }
        walk(list, `${where}.Fn::Join`, from, context);
        return;
      }
      case 'Fn::Select': {
        if (!Array.isArray(args) || args.length !== 2) {
          problems.push(`${at} takes [index, list]`);
          return;
        }
        const indexFn = functionName(args[0]);
        if (indexFn && !SELECT_INDEX.has(indexFn)) problems.push(`${at}: its index cannot be ${indexFn}`);
        const listFn = functionName(args[1]);
        if (listFn && !SELECT_LIST.has(listFn)) problems.push(`${at}: its list cannot be ${listFn}`);
        walk(args, `${where}.Fn::Select`, from, context);
        return;
      }
      case 'Fn::Split': {
        if (!Array.isArray(args) || args.length !== 2 || typeof args[0] !== 'string') {
          problems.push(`${at} takes [literal delimiter, source]`);
          return;
        }
        const sourceFn = functionName(args[1]);
        if (sourceFn && !SPLIT_SOURCE.has(sourceFn)) problems.push(`${at}: its source cannot be ${sourceFn}`);
        walk(args[1], `${where}.Fn::Split`, from, context);
        return;
      }
      case 'Fn::If': {
        if (!Array.isArray(args) || args.length !== 3 || typeof args[0] !== 'string') {
          problems.push(`${at} takes [condition name, value if true, value if false]`);
          return;
        }
        if (!(args[0] in conditions)) problems.push(`${at} ${args[0]}: no such condition`);
        walk(args[1], `${where}.Fn::If[1]`, from, context);
        walk(args[2], `${where}.Fn::If[2]`, from, context);
        return;
      }
      case 'Fn::FindInMap': {
        if (!Array.isArray(args) || args.length < 3) problems.push(`${at} takes [map, top key, second key]`);
        else if (typeof args[0] === 'string' && !(args[0] in mappings)) problems.push(`${at} ${args[0]}: no such mapping`);
        walk(args, `${where}.Fn::FindInMap`, from, context);
        return;
      }
      default:
        walk(args, `${where}.${fn}`, from, context);
    }
  }

  // Checks a property value against its schema type (intrinsic functions are checked by walk, not typed here).
  function typed(value, type, where) {
    if (value === undefined || value === null || functionName(value)) return;
    switch (type?.type) {
      case 'string':
        if (typeof value === 'object') problems.push(`${where}: expected a string`);
        return;
      case 'integer':
      case 'number':
        if (typeof value === 'object' || typeof value === 'boolean' || Number.isNaN(Number(value))) {
          problems.push(`${where}: expected a ${type.type}, got ${JSON.stringify(value)}`);
        } else if (type.type === 'integer' && !Number.isInteger(Number(value))) {
          problems.push(`${where}: expected an integer, got ${value}`);
        }
        return;
      case 'boolean':
        if (!(typeof value === 'boolean' || value === 'true' || value === 'false')) {
          problems.push(`${where}: expected a boolean, got ${JSON.stringify(value)}`);
        }
        return;
      case 'array':
        if (!Array.isArray(value)) problems.push(`${where}: expected a list`);
        else value.forEach((item, i) => typed(item, type.element, `${where}[${i}]`));
        return;
      case 'map':
        if (typeof value !== 'object' || Array.isArray(value)) problems.push(`${where}: expected a map`);
        else Object.entries(value).forEach(([k, item]) => typed(item, type.element, `${where}.${k}`));
        return;
      case 'ref': {
        const definition = spec.types.get(type.reference.$ref);
        if (typeof value !== 'object' || Array.isArray(value)) {
          problems.push(`${where}: expected an object (${definition?.name})`);
          return;
        }
        object(value, definition?.properties ?? {}, where);
        return;
      }
      case 'union':
        // one of several shapes: accept any that matches without problems
        for (const option of type.types) {
          const before = problems.length;
          typed(value, option, where);
          if (problems.length === before) return;
          problems.length = before;
        }
        problems.push(`${where}: matches none of its allowed types`);
        return;
      default:
        // json, tag, date-time, null: free-form
    }
  }

  function object(value, properties, where) {
    for (const [name, item] of Object.entries(value)) {
      if (functionName(value)) return;
      const property = properties[name];
      if (!property) {
        problems.push(`${where}.${name}: not a property, expected one of ${Object.keys(properties).sort().join(', ')}`);
        continue;
      }
      // a property may be dropped by Fn::If to AWS::NoValue; each branch is typed
      if (functionName(item) === 'Fn::If' && Array.isArray(item['Fn::If'])) {
        item['Fn::If'].slice(1).forEach((branch) => typed(branch, property.type, `${where}.${name}`));
      } else {
        typed(item, property.type, `${where}.${name}`);
      }
    }
    for (const [name, property] of Object.entries(properties)) {
      if (property.required && !(name in value)) problems.push(`${where}.${name}: required, missing`);
    }
  }

  for (const [name, condition] of Object.entries(conditions)) walk(condition, `Conditions.${name}`, null, 'condition');
  for (const [name, resource] of Object.entries(resources)) {
    const where = `Resources.${name}`;
    const type = spec.resources.get(resource.Type);
    if (resource.Condition && !(resource.Condition in conditions)) {
      problems.push(`${where}.Condition ${resource.Condition}: no such condition`);
    }
    for (const dependency of [resource.DependsOn ?? []].flat()) {
      if (!(dependency in resources)) problems.push(`${where}.DependsOn ${dependency}: no such resource`);
      else edges.get(name).add(dependency);
    }
    walk(resource.Properties ?? {}, `${where}.Properties`, name);
    if (resource.Type?.startsWith('Custom::') || resource.Type === 'AWS::CloudFormation::CustomResource') {
      if (!resource.Properties?.ServiceToken) problems.push(`${where}.Properties.ServiceToken: required, missing`);
      continue;
    }
    if (!type) {
      problems.push(`${where}: ${resource.Type} is not a CloudFormation resource type`);
      continue;
    }
    object(resource.Properties ?? {}, type.properties ?? {}, `${where}.Properties`);
  }
  for (const [name, output] of Object.entries(template.Outputs ?? {})) walk(output, `Outputs.${name}`, null);

  for (const cycle of cycles(edges)) {
    problems.push(`Circular dependency between resources: ${cycle.join(' -> ')}`);
  }
  return problems;
}

/** The cycles of a dependency graph, each as a path that returns to its start. */
export function cycles(edges) {
  const found = [];
  const state = new Map();
  const stack = [];
  function visit(node) {
    state.set(node, 'open');
    stack.push(node);
    for (const next of edges.get(node) ?? []) {
      if (state.get(next) === 'open') found.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  }
  for (const node of edges.keys()) if (!state.has(node)) visit(node);
  return found;
}

/**
 * A problem when a template of {@code bytes} is over the inline body limit and a documented command that deploys
 * it in {@code doc} does not take it from S3: {@code aws cloudformation deploy} without --s3-bucket, or
 * {@code create-change-set}, {@code create-stack} or {@code update-stack} without --template-url; else null.
 */
export function deployDocProblem(bytes, doc, docName) {
  if (bytes <= INLINE_BODY_LIMIT) return null;
  const lines = doc.replace(/\\\n\s*/g, ' ').split('\n');
  const deploys = lines.filter((line) => /aws cloudformation (deploy|create-change-set|create-stack|update-stack)\b/
    .test(line));
  const inline = deploys.filter((line) => (line.includes('aws cloudformation deploy') ? !line.includes('--s3-bucket')
    : !line.includes('--template-url')));
  if (deploys.length > 0 && inline.length === 0) return null;
  return `template: ${bytes} bytes, over the ${INLINE_BODY_LIMIT}-byte limit of an inline template body, and`
    + ` ${docName} deploys it inline: ${deploys.length === 0 ? 'no deploy command' : inline[0].trim()}`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2];
  const text = readFileSync(file, 'utf8');
  const bytes = Buffer.byteLength(text);
  const problems = check(parseTemplate(text), bytes);
  const docIndex = process.argv.indexOf('--deploy-doc');
  if (docIndex > 0) {
    const docName = process.argv[docIndex + 1];
    const problem = deployDocProblem(bytes, readFileSync(docName, 'utf8'), docName);
    if (problem) problems.push(problem);
  }
  for (const problem of problems) console.log(problem);
  console.log(`${file}: ${bytes} bytes, ${problems.length} problem(s) against AWS's resource schemas`);
  process.exit(problems.length === 0 ? 0 : 1);
}
