import type { ProcessPreview } from '../../../shared/confirmation';
import { formatDuration } from '../../lib/format';
import { ArgChips } from './arg-chips';
import { SandboxLine } from './sandbox-line';

/** Executable, argv, working folder, environment key names and timeout of one process. */
export function ProcessDetails({ process }: { process: ProcessPreview }) {
  return (
    <dl className="process-details">
      <div className="fact">
        <dt>Program</dt>
        <dd>
          <code className="path">{process.executable}</code>
        </dd>
      </div>
      <div className="fact">
        <dt>Arguments</dt>
        <dd>
          <ArgChips args={process.args} />
        </dd>
      </div>
      <div className="fact">
        <dt>Folder</dt>
        <dd>{process.cwd ? <code className="path">{process.cwd}</code> : <span className="muted">the scope's default</span>}</dd>
      </div>
      <div className="fact">
        <dt>Environment</dt>
        <dd>
          {process.envKeys.length === 0 ? (
            <span className="muted">no variables</span>
          ) : (
            <ul className="inline-list" aria-label="Environment variable names">
              {process.envKeys.map((key) => (
                <li key={key}>
                  <code className="chip">{key}</code>
                </li>
              ))}
            </ul>
          )}
        </dd>
      </div>
      <div className="fact">
        <dt>Time limit</dt>
        <dd>{formatDuration(process.timeoutMs)}</dd>
      </div>
      {process.sandbox && (
        <div className="fact">
          <dt>Sandbox</dt>
          <dd>
            <SandboxLine sandbox={process.sandbox} />
          </dd>
        </div>
      )}
    </dl>
  );
}
