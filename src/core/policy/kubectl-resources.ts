import { scopeViolation } from '../action-failure';
import type { ParsedToolArgv, PathValue } from './process-tools';

// kubectl's built-in short names; the API server resolves them to these plural resource names.
const SHORT_NAMES: Readonly<Record<string, string>> = {
  cm: 'configmaps',
  cs: 'componentstatuses',
  csr: 'certificatesigningrequests',
  crd: 'customresourcedefinitions',
  ds: 'daemonsets',
  deploy: 'deployments',
  ep: 'endpoints',
  ev: 'events',
  hpa: 'horizontalpodautoscalers',
  ing: 'ingresses',
  limits: 'limitranges',
  netpol: 'networkpolicies',
  no: 'nodes',
  ns: 'namespaces',
  pc: 'priorityclasses',
  pdb: 'poddisruptionbudgets',
  po: 'pods',
  pv: 'persistentvolumes',
  pvc: 'persistentvolumeclaims',
  quota: 'resourcequotas',
  rc: 'replicationcontrollers',
  rs: 'replicasets',
  sa: 'serviceaccounts',
  sc: 'storageclasses',
  sts: 'statefulsets',
  svc: 'services',
};

// Options through which kubectl reads objects from files, folders, stdin or URLs instead of the command line.
const INDIRECT_OPTIONS = new Set(['-f', '--filename', '-k', '--kustomize', '--raw']);

/**
 * The forms one resource name is written in, all folded to lowercase singular: `Secret`, `secrets`,
 * `secret.v1`, `Secrets.v1.` and `secret/x` are all `secret`.
 */
export function foldResource(written: string): string[] {
  const type = (written.split('/')[0] ?? '').split('.')[0]?.toLowerCase() ?? '';
  const expanded = SHORT_NAMES[type] ?? type;
  const forms = new Set([expanded]);
  if (expanded.endsWith('es')) forms.add(expanded.slice(0, -2));
  if (expanded.endsWith('s')) forms.add(expanded.slice(0, -1));
  return [...forms];
}

function sameResource(a: string, b: string): boolean {
  const folded = new Set(foldResource(a));
  return foldResource(b).some((form) => folded.has(form));
}

/**
 * Files kubectl reads to format its output: `-o jsonpath-file=F`, `-o go-template-file=F`,
 * `-o custom-columns-file=F`, and `--template F` when the output format is one of those. They are paths
 * like any other, so a read-only scope cannot print a file outside its folders through a template.
 */
export function outputTemplateFiles(parsed: ParsedToolArgv): PathValue[] {
  const formats = parsed.options.filter((option) => (option.name === '-o' || option.name === '--output') && option.value !== null);
  const files: PathValue[] = [];
  let readsFile = false;
  for (const { name, value } of formats) {
    const format = value as string;
    const equals = format.indexOf('=');
    const kind = equals < 0 ? format : format.slice(0, equals);
    if (!kind.endsWith('-file')) continue;
    readsFile = true;
    if (equals >= 0) files.push({ option: name, value: format.slice(equals + 1), form: 'plain', chdir: false });
  }
  if (readsFile) {
    for (const option of parsed.options)
      if (option.name === '--template' && option.value !== null)
        files.push({ option: option.name, value: option.value, form: 'plain', chdir: false });
  }
  return files;
}

/**
 * Refuses a kubectl invocation that could reach a denied resource: an operand naming it in any spelling
 * (`get Secret/x`, `get pods,secrets.v1`), or a manifest source the host cannot see into (`-f file`,
 * `-f -`, `-k dir`, `--raw`), since a manifest may name the denied resource.
 */
export function checkDeniedResources(parsed: ParsedToolArgv, denied: readonly string[]): void {
  if (denied.length === 0) return;
  // `-f` is a file only where the grammar says so (it follows the log in `kubectl logs -f`).
  const indirect =
    parsed.pathValues.find((value) => INDIRECT_OPTIONS.has(value.option)) ?? parsed.options.find((option) => option.name === '--raw');
  if (indirect) {
    const name = 'option' in indirect ? indirect.option : indirect.name;
    throw scopeViolation('resource-denied', `${name} reads objects the host cannot check, and this scope denies ${denied.join(', ')}.`, {
      option: name,
    });
  }
  for (const operand of parsed.positionals) {
    for (const item of operand.split(',')) {
      const rule = denied.find((name) => sameResource(item, name));
      if (rule !== undefined) {
        throw scopeViolation('resource-denied', `"${item}" names ${rule}, which this scope denies.`, { argument: operand, rule });
      }
    }
  }
}
