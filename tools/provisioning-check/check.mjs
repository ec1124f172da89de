// Offline checks of provisioning code with real parsers and the providers' own schemas:
//   node check.mjs cloudformation <template.yaml>...  YAML parser (CloudFormation short tags) + AWS::* resource spec
//                                                   from @aws-cdk/aws-service-spec (the spec the CDK is built from)
//   node check.mjs terraform <dir>...                 HashiCorp's HCL parser (@cdktf/hcl2json, WebAssembly) + the
//                                                   hashicorp/aws provider schema as generated into @cdktf/provider-aws
// Prints one JSON object, per target given: {"<target>": {"parsed": <the document as JSON>, "errors": ["where: what"]}}
// (several targets in one run: loading the specs takes most of the time). Exit code 0 when it
// could check (errors or not), 2 on wrong usage. The policy rules (TLS only, no 0.0.0.0/0, least privilege) are
// checked by the Java tests on "parsed"; this script answers "is it valid for the provider?".
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const [kind, ...targets] = process.argv.slice(2);
if (!['cloudformation', 'terraform'].includes(kind) || targets.length === 0) {
  console.error('usage: node check.mjs cloudformation <template.yaml>... | terraform <dir>...');
  process.exit(2);
}

// ---------------------------------------------------------------- CloudFormation
async function checkCloudFormation(file) {
  const YAML = require('yaml');
  const errors = [];
  const text = fs.readFileSync(file, 'utf8');
  const doc = YAML.parseDocument(text, { customTags: cfnTags(), prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    // The first error only: the ones after it are mostly its consequences.
    return { parsed: null, errors: [`${path.basename(file)}: ${doc.errors[0].message.split('\n')[0].replace(/:$/, '')}`] };
  }
  const template = doc.toJS({ maxAliasCount: 100 });
  const db = await serviceSpec();
  const resources = template?.Resources ?? {};
  if (Object.keys(resources).length === 0) errors.push('Resources: a template needs at least one resource');
  for (const [logicalId, resource] of Object.entries(resources)) {
    const where = `Resources.${logicalId}`;
    if (typeof resource?.Type !== 'string') { errors.push(`${where}: missing Type`); continue; }
    for (const key of Object.keys(resource)) {
      if (!['Type', 'Properties', 'DependsOn', 'Condition', 'Metadata', 'DeletionPolicy', 'UpdateReplacePolicy',
        'UpdatePolicy', 'CreationPolicy'].includes(key)) errors.push(`${where}.${key}: not a resource attribute`);
    }
    const spec = db.lookup('resource', 'cloudFormationType', 'equals', resource.Type);
    if (spec.length !== 1) { errors.push(`${where}: unknown resource type ${resource.Type}`); continue; }
    checkObject(db, spec.only().properties, resource.Properties ?? {}, `${where}.Properties`, errors);
  }
  return { parsed: template, errors };
}

let specDb;
async function serviceSpec() {
  const { loadAwsServiceSpec } = require('@aws-cdk/aws-service-spec');
  specDb ??= await loadAwsServiceSpec();
  return specDb;
}

function cfnTags() {
  const fns = ['Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
    'Transform', 'And', 'Equals', 'If', 'Not', 'Or'];
  const tags = [];
  const make = (tag, key) => ['scalar', 'seq', 'map'].forEach(collection => {
    const entry = { tag, resolve: value => ({ [key]: key === 'Fn::GetAtt' && typeof value === 'string' ? value.split('.') : value?.toJSON ? value.toJSON() : value }) };
    if (collection !== 'scalar') entry.collection = collection;
    tags.push(entry);
  });
  make('!Ref', 'Ref');
  make('!Condition', 'Condition');
  fns.forEach(fn => make(`!${fn}`, `Fn::${fn}`));
  return tags;
}

const intrinsic = value => value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1
  && (Object.keys(value)[0] === 'Ref' || Object.keys(value)[0].startsWith('Fn::'));

function checkObject(db, properties, value, where, errors) {
  if (intrinsic(value)) return;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    errors.push(`${where}: expected an object`);
    return;
  }
  for (const [name, prop] of Object.entries(properties)) {
    if (prop.required && !(name in value)) errors.push(`${where}: missing required property ${name}`);
  }
  for (const [name, v] of Object.entries(value)) {
    const prop = properties[name];
    if (!prop) {
      const near = Object.keys(properties).find(p => p.toLowerCase() === name.toLowerCase() || editDistance(p, name) <= 2);
      errors.push(`${where}.${name}: unknown property${near ? ` (did you mean ${near}?)` : ''}`);
      continue;
    }
    checkType(db, prop.type, v, `${where}.${name}`, errors);
  }
}

function checkType(db, type, v, where, errors) {
  if (intrinsic(v)) return;
  switch (type.type) {
    case 'string':
      if (typeof v !== 'string' && typeof v !== 'number') return errors.push(`${where}: expected a string`);
      if (type.allowedValues && !type.allowedValues.includes(String(v)))
        errors.push(`${where}: ${v} is not one of ${type.allowedValues.join(', ')}`);
      return;
    case 'integer': case 'number':
      if (!(typeof v === 'number' || (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)))) errors.push(`${where}: expected a number`);
      return;
    case 'boolean':
      if (!(typeof v === 'boolean' || v === 'true' || v === 'false')) errors.push(`${where}: expected true or false`);
      return;
    case 'array':
      if (!Array.isArray(v)) return errors.push(`${where}: expected a list`);
      v.forEach((element, i) => checkType(db, type.element, element, `${where}[${i}]`, errors));
      return;
    case 'map':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return errors.push(`${where}: expected a map`);
      Object.entries(v).forEach(([k, element]) => checkType(db, type.element, element, `${where}.${k}`, errors));
      return;
    case 'ref':
      return checkObject(db, db.get('typeDefinition', type.reference.$ref).properties, v, where, errors);
    case 'union': {
      const attempts = type.types.map(t => { const e = []; checkType(db, t, v, where, e); return e; });
      if (!attempts.some(e => e.length === 0)) errors.push(...attempts.sort((a, b) => a.length - b.length)[0]);
      return;
    }
    case 'tag':
      if (!v || typeof v !== 'object' || !('Key' in v) || !('Value' in v)) errors.push(`${where}: expected {Key, Value}`);
      return;
    default:
      return; // json, date-time, null: any value
  }
}

function editDistance(a, b) {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++)
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
  return d[a.length][b.length];
}

// ---------------------------------------------------------------- Terraform
async function checkTerraform(dir) {
  const { parse } = require('@cdktf/hcl2json');
  const errors = [];
  const parsed = {};
  for (const file of fs.readdirSync(dir).filter(f => f.endsWith('.tf')).sort()) {
    try {
      const json = await parse(file, fs.readFileSync(path.join(dir, file), 'utf8'));
      for (const [blockType, blocks] of Object.entries(json)) {
        parsed[blockType] = mergeDeep(parsed[blockType], blocks);
      }
    } catch (e) {
      errors.push(`${file}: ${String(e.message ?? e).split('\n')[0]}`);
    }
  }
  if (errors.length > 0) return { parsed: null, errors };
  for (const [section, prefix] of [['resource', ''], ['data', 'data-']]) {
    for (const [type, byName] of Object.entries(parsed[section] ?? {})) {
      const schema = terraformSchema(prefix, type);
      for (const [name, instances] of Object.entries(byName)) {
        const where = `${section === 'data' ? 'data.' : ''}${type}.${name}`;
        if (!schema) { errors.push(`${where}: unknown ${section} type ${type} in hashicorp/aws`); continue; }
        instances.forEach(body => checkBlock(schema, body, where, errors, true));
      }
    }
  }
  return { parsed, errors };
}

function mergeDeep(a, b) {
  if (a === undefined) return b;
  const out = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = k in out ? mergeDeep(out[k], v) : v;
  return out;
}

const META = ['count', 'for_each', 'depends_on', 'provider', 'lifecycle', 'provisioner', 'connection', 'dynamic'];

function checkBlock(schema, body, where, errors, topLevel) {
  for (const [name, attr] of Object.entries(schema)) {
    if (attr.required && !(name in body)) errors.push(`${where}: missing required ${attr.block ? 'block' : 'argument'} ${name}`);
  }
  for (const [name, value] of Object.entries(body)) {
    const attr = schema[name];
    if (!attr) {
      if (topLevel && META.includes(name)) continue;
      const near = Object.keys(schema).find(p => editDistance(p, name) <= 2);
      errors.push(`${where}.${name}: unsupported argument${near ? ` (did you mean ${near}?)` : ''}`);
      continue;
    }
    if (attr.block) {
      if (!Array.isArray(value)) { errors.push(`${where}.${name}: is a block, write ${name} { ... }`); continue; }
      value.forEach((element, i) => checkBlock(attr.block, element, `${where}.${name}${value.length > 1 ? `[${i}]` : ''}`, errors, false));
    } else if (Array.isArray(value) && value.length > 0 && typeof value[0] === 'object' && value[0] !== null && !attr.list) {
      errors.push(`${where}.${name}: is an argument, write ${name} = ...`);
    }
  }
}

// The generated TypeScript declarations of @cdktf/provider-aws carry the provider schema: one interface per
// resource (and per nested block), each property with its Terraform name and whether it is optional.
const schemaCache = new Map();
function terraformSchema(prefix, type) {
  const key = prefix + type;
  if (schemaCache.has(key)) return schemaCache.get(key);
  const folder = prefix ? `data-${type.replaceAll('_', '-')}` : type.replace(/^aws_/, '').replaceAll('_', '-');
  let file;
  try {
    file = require.resolve(`@cdktf/provider-aws/lib/${folder}/index.d.ts`);
  } catch {
    schemaCache.set(key, null);
    return null;
  }
  const ts = require('typescript');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const interfaces = new Map();
  source.statements.filter(ts.isInterfaceDeclaration).forEach(i => interfaces.set(i.name.text, i));
  const pascal = folder.split('-').map(s => s[0].toUpperCase() + s.slice(1)).join('');
  const build = (decl, seen) => {
    const out = {};
    for (const member of decl.members.filter(ts.isPropertySignature)) {
      const doc = member.getFullText(source).match(/#([a-z0-9_]+) [A-Za-z0-9]+#[a-z0-9_]+\}/);
      const tfName = doc ? doc[1] : member.name.text;
      const typeText = member.type.getText(source);
      const nested = [...interfaces.keys()].find(n => new RegExp(`^${n}(\\[\\])?( \\| cdktf\\.IResolvable)?$`).test(typeText));
      out[tfName] = {
        required: !member.questionToken,
        block: nested && !seen.has(nested) ? build(interfaces.get(nested), new Set([...seen, nested])) : undefined,
        list: typeText.includes('[]'),
      };
    }
    return out;
  };
  const config = interfaces.get(`${pascal}Config`);
  const schema = config ? build(config, new Set()) : null;
  schemaCache.set(key, schema);
  return schema;
}

// Last: the module's constants above must be initialised before the top-level await runs the check.
const results = {};
for (const target of targets) {
  results[target] = kind === 'cloudformation' ? await checkCloudFormation(target) : await checkTerraform(target);
}
process.stdout.write(JSON.stringify(results));
