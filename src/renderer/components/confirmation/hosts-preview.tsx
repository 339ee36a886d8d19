import type { ActionPreview } from '../../../shared/confirmation';
import { plural } from '../../lib/format';
import { DiffView } from './diff-view';

type HostsPreviewData = Extract<ActionPreview, { kind: 'hosts.write' }>;

/** The hosts file change: file, section tag, records, whether elevation is needed, and the diff. */
export function HostsPreview({ preview }: { preview: HostsPreviewData }) {
  return (
    <div className="preview-stack">
      <dl className="process-details">
        <div className="fact">
          <dt>File</dt>
          <dd>
            <code className="path">{preview.path}</code>
          </dd>
        </div>
        <div className="fact">
          <dt>Section</dt>
          <dd>
            <code>{preview.tag}</code> <span className="muted">(only this plugin's tagged section changes)</span>
          </dd>
        </div>
      </dl>
      {preview.elevated && <p className="callout callout-warning">Needs administrator rights: your system will ask for your password.</p>}
      {preview.records.length === 0 ? (
        <p className="preview-lead">The section will be emptied.</p>
      ) : (
        <table className="data-table compact">
          <caption>The section will hold {plural(preview.records.length, 'entry', 'entries')}</caption>
          <thead>
            <tr>
              <th scope="col">Address</th>
              <th scope="col">Host name</th>
              <th scope="col">Comment</th>
            </tr>
          </thead>
          <tbody>
            {preview.records.map((record, index) => (
              <tr key={index}>
                <td>
                  <code>{record.address}</code>
                </td>
                <td>
                  <code>{record.hostname}</code>
                </td>
                <td>{record.comment ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <DiffView diff={preview.diff} label="Changes to the hosts file" />
    </div>
  );
}
