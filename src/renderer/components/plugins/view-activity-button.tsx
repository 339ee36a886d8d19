import { useAuditStore } from '../../stores/audit-store';
import { useNavigationStore } from '../../stores/navigation-store';

/** Opens the audit panel filtered to one plugin. */
export function ViewActivityButton({ pluginId, pluginName, small = false }: { pluginId: string; pluginName: string; small?: boolean }) {
  const filterPlugin = useAuditStore((state) => state.filterPlugin);
  const show = useNavigationStore((state) => state.show);
  return (
    <button
      type="button"
      className={`button button-ghost${small ? ' button-small' : ''}`}
      aria-label={`View activity of ${pluginName}`}
      onClick={() => {
        filterPlugin(pluginId);
        show('audit');
      }}
    >
      View activity
    </button>
  );
}
