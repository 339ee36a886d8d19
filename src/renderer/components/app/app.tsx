import { useEffect } from 'react';
import { connectHostEvents } from '../../stores/host-events';
import { ConfirmationHost } from '../confirmation/confirmation-host';
import { InstallHost } from '../install/install-host';
import { NoticeStack } from '../notices/notice-stack';
import { PausedBanner } from '../notices/pause-controls';
import { AppHeader } from './app-header';
import { MainView } from './main-view';
import { Sidebar } from './sidebar';
import { Toasts } from './toasts';
import { WelcomeDialog } from './welcome-dialog';

/** The Gatehouse window: header, plugins sidebar, the current screen, and the host's confirmations on top. */
export function App() {
  useEffect(() => connectHostEvents(), []);
  return (
    <div className="app">
      <AppHeader />
      <PausedBanner />
      <Sidebar />
      <main className="app-main" id="main">
        <MainView />
      </main>
      <InstallHost />
      <ConfirmationHost />
      <NoticeStack />
      <Toasts />
      <WelcomeDialog />
    </div>
  );
}
