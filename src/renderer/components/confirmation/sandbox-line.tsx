import type { ProcessSandboxPreview } from '../../../shared/confirmation';
import { Badge } from '../common/badge';

/** One line on what the tool's OS sandbox lets it reach: "Sandboxed: no network, writes only to …". */
export function SandboxLine({ sandbox }: { sandbox: ProcessSandboxPreview | undefined }) {
  if (!sandbox) return null;
  if (!sandbox.enforced) {
    return (
      <span className="sandbox-line">
        <Badge tone="danger">Unsandboxed</Badge> No sandbox on this system: the tool can reach everything you can.
      </span>
    );
  }
  const writes = sandbox.writePaths.length === 0 ? 'writes nowhere' : `writes only to ${sandbox.writePaths.join(', ')}`;
  const reads = sandbox.readPaths.length === 0 ? '' : `; also reads ${sandbox.readPaths.join(', ')}`;
  return (
    <span className="sandbox-line">
      {sandbox.network ? 'Sandboxed: network allowed' : 'Sandboxed: no network'}, {writes}
      {reads}.
    </span>
  );
}
