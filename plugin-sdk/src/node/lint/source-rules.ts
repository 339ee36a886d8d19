import type { LintFinding } from './lint-finding.js';

interface Rule {
  code: string;
  severity: LintFinding['severity'];
  pattern: RegExp;
  message: string;
}

const NO_NETWORK = "Plugin frames have no network (the host's CSP says connect-src 'none' and the app blocks every other request)";

// What the host's frame CSP and sandbox (allow-scripts only) refuse, so the author learns it before a user does.
const PAGE_RULES: Rule[] = [
  {
    code: 'page-inline-script',
    severity: 'error',
    pattern: /<script\b(?![^>]*\bsrc\s*=)[^>]*>\s*[^<\s]/gi,
    message:
      "Inline scripts never run: the host allows only the plugin's own script files (script-src 'self'). Move the code into a .js file.",
  },
  {
    code: 'page-inline-handler',
    severity: 'error',
    pattern: /<[a-z][^>]*\son[a-z]+\s*=/gi,
    message: "Event-handler attributes (onclick=...) never run under the host's CSP. Use addEventListener in a script file.",
  },
  {
    code: 'page-remote-resource',
    severity: 'error',
    pattern: /\b(?:src|href)\s*=\s*["']?\s*(?:https?:|wss?:|\/\/)/gi,
    message: `${NO_NETWORK}: this never loads. Ship the file inside the plugin folder.`,
  },
  {
    code: 'page-nested-frame',
    severity: 'error',
    pattern: /<(?:iframe|frame|object|embed)\b/gi,
    message: "Nested frames, objects and embeds are blocked in plugin frames (frame-src, child-src and object-src 'none').",
  },
  {
    code: 'page-form-action',
    severity: 'error',
    pattern: /<form\b[^>]*\baction\s*=/gi,
    message: "Forms cannot submit anywhere (form-action 'none'); handle the submit event in a script.",
  },
  { code: 'page-base', severity: 'error', pattern: /<base\b/gi, message: "<base> is refused (base-uri 'none')." },
];

const SCRIPT_RULES: Rule[] = [
  {
    code: 'script-network',
    severity: 'error',
    pattern: /\b(?:fetch\s*\(|XMLHttpRequest\b|WebSocket\s*\(|EventSource\s*\(|RTCPeerConnection\b|sendBeacon\s*\()/g,
    message: `${NO_NETWORK}. Ask the host for what you need through an action.`,
  },
  {
    code: 'script-eval',
    severity: 'error',
    pattern: /(?<![\w$.])(?:eval\s*\(|new\s+Function\s*\()/g,
    message: "String evaluation is blocked (no 'unsafe-eval' in the host's CSP).",
  },
  {
    code: 'script-worker',
    severity: 'error',
    pattern: /\bnew\s+(?:Shared)?Worker\s*\(|serviceWorker\s*\.\s*register\s*\(/g,
    message: "Workers are blocked in plugin frames (worker-src 'none').",
  },
  {
    code: 'script-navigation',
    severity: 'error',
    pattern: /\b(?:top|parent)\s*\.\s*location\b|\bwindow\s*\.\s*open\s*\(/g,
    message: 'A plugin frame cannot navigate the app or open windows (sandbox allow-scripts only).',
  },
  {
    code: 'script-direct-clipboard',
    severity: 'warning',
    pattern: /\bnavigator\s*\.\s*clipboard\b|execCommand\s*\(\s*['"](?:copy|cut|paste)['"]/g,
    message:
      'Use requestClipboardWrite / requestClipboardRead: they ask the user and are audited; direct clipboard access is not part of any grant.',
  },
];

/** Checks one HTML page of a plugin against the frame's CSP and sandbox; also warns when it has no CSP of its own. */
export function checkPageSource(file: string, source: string): LintFinding[] {
  const findings = applyRules(file, source, PAGE_RULES);
  const meta = /<meta\b[^>]*http-equiv\s*=\s*["']?content-security-policy["']?[^>]*content\s*=\s*"([^"]*)"/i.exec(source);
  if (!meta) {
    findings.push({
      severity: 'warning',
      code: 'page-csp-missing',
      file,
      message:
        'The page has no Content-Security-Policy meta tag. Add the one the scaffold writes, so the page behaves the same wherever it is opened.',
    });
  } else {
    const policy = meta[1] ?? '';
    const line = lineOf(source, meta.index);
    if (/'unsafe-eval'|\bhttps?:|\bwss?:|(?:^|[\s;])\*(?:[\s;]|$)/i.test(policy)) {
      findings.push({
        severity: 'warning',
        code: 'page-csp-weak',
        file,
        line,
        message:
          "The page's CSP allows eval, remote origins or \"*\"; the host refuses them anyway, so keep the page's own policy as strict as the host's.",
      });
    }
  }
  return findings;
}

/** Checks one script of a plugin for what the frame refuses. Reads text, so a match in a comment counts too. */
export function checkScriptSource(file: string, source: string): LintFinding[] {
  return applyRules(file, source, SCRIPT_RULES);
}

function applyRules(file: string, source: string, rules: readonly Rule[]): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const rule of rules) {
    for (const match of source.matchAll(rule.pattern)) {
      findings.push({ severity: rule.severity, code: rule.code, file, line: lineOf(source, match.index), message: rule.message });
    }
  }
  return findings;
}

function lineOf(source: string, index: number): number {
  let line = 1;
  for (let i = 0; i < index; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}
