// Development preview: installs the fake host on window, then starts the real app entry.
import { createFakeGatehouse } from './fake-gatehouse';
import { fakeConfirmations } from './fake-confirmations';

const params = new URLSearchParams(location.search);
const api = createFakeGatehouse({
  frameBase: params.get('frames') ?? `${location.origin}/dev-frames`,
  auditRecords: Number(params.get('records') ?? 1_000_000),
  confirmations: params.has('confirm') ? fakeConfirmations(params.get('confirm') ?? '') : [],
});
Object.defineProperty(window, 'gatehouse', { value: api });
Object.defineProperty(window, 'gatehouseFake', { value: api });
void import('../main');
