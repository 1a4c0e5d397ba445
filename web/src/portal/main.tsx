// The customer portal (/portal and below, served as portal.html).
import { render } from 'preact';
import '../shared/styles.css';
import { registerCatalogue } from '../shared/i18n';
import en from '../i18n/portal.en.json';
import ko from '../i18n/portal.ko.json';
import { App } from './App';

registerCatalogue('portal', en, ko);
render(<App />, document.getElementById('app')!);
