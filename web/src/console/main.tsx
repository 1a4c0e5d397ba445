// Entry of the agent console (web/console.html).
import { render } from 'preact';
import '../shared/styles.css';
import './console.css';
import en from '../i18n/console.en.json';
import ko from '../i18n/console.ko.json';
import { registerCatalogue } from '../shared/i18n';
import { App } from './app';

registerCatalogue('console', en, ko);

const root = document.getElementById('app');
if (root) render(<App />, root);
