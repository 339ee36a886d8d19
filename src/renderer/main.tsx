import { createRoot } from 'react-dom/client';
import { App } from './components/app/app';
import { applyThemeChoice, readThemeChoice } from './lib/theme';
import './styles/index.css';

// Before the first paint, so a dark theme never flashes light.
applyThemeChoice(readThemeChoice());

const root = document.getElementById('root');
if (!root) throw new Error('The page has no #root element.');
createRoot(root).render(<App />);
