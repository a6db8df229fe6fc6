// Reads a CloudFormation YAML template into its JSON form: the short forms (!Ref, !Sub, !GetAtt, ...) become the
// full ones ({"Ref": ...}, {"Fn::Sub": ...}, {"Fn::GetAtt": [resource, attribute]}), as CloudFormation reads them.
import { parse } from 'yaml';

const FUNCTIONS = ['Base64', 'Cidr', 'FindInMap', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'Length', 'ToJsonString'];

function tag(name, full, kinds, read = (v) => v) {
  return kinds.map((collection) => ({
    tag: `!${name}`,
    collection: collection === 'scalar' ? undefined : collection,
    resolve: (value) => ({ [full]: read(collection === 'scalar' ? value : value.toJSON()) }),
  }));
}

const CUSTOM_TAGS = [
  ...tag('Ref', 'Ref', ['scalar']),
  ...tag('Condition', 'Condition', ['scalar']),
  ...tag('GetAtt', 'Fn::GetAtt', ['scalar', 'seq'],
    (v) => (typeof v === 'string' ? [v.slice(0, v.indexOf('.')), v.slice(v.indexOf('.') + 1)] : v)),
  ...FUNCTIONS.flatMap((name) => tag(name, `Fn::${name}`, ['scalar', 'seq', 'map'])),
];

/** The template {@code text} as CloudFormation's JSON form. */
export function parseTemplate(text) {
  return parse(text, { customTags: CUSTOM_TAGS, maxAliasCount: -1, uniqueKeys: true, intAsBigInt: false });
}
