// The menu of a packaged build: the editing and window commands people expect, and nothing that opens
// DevTools, reloads the page or zooms into a debugging aid. Pure (type-only electron import), tested under Node.
import type { MenuItemConstructorOptions } from 'electron';

/** Menu roles a packaged build never offers: they open DevTools or reload the app behind the host's back. */
export const DEVELOPER_ROLES: ReadonlySet<string> = new Set(['toggleDevTools', 'reload', 'forceReload', 'viewMenu']);

/** The application menu of a packaged build (`Menu.buildFromTemplate` of this). */
export function packagedMenuTemplate(platform: NodeJS.Platform, appName: string): MenuItemConstructorOptions[] {
  const edit: MenuItemConstructorOptions = {
    label: 'Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const window: MenuItemConstructorOptions = { label: 'Window', submenu: [{ role: 'minimize' }, { role: 'close' }] };
  if (platform === 'darwin') {
    const appMenu: MenuItemConstructorOptions = {
      label: appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    };
    return [appMenu, edit, window];
  }
  return [{ label: 'File', submenu: [{ role: 'quit' }] }, edit, window];
}

/** Every role in a template, submenus included (what the tests look at). */
export function rolesOf(template: readonly MenuItemConstructorOptions[]): string[] {
  const roles: string[] = [];
  for (const item of template) {
    if (item.role) roles.push(item.role);
    if (Array.isArray(item.submenu)) roles.push(...rolesOf(item.submenu));
  }
  return roles;
}
