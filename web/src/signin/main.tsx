// The sign-in face: /signin, /reset, /account/password (served as signin.html).
import { render } from 'preact';
import '../shared/styles.css';
import { registerCatalogue } from '../shared/i18n';
import en from '../i18n/signin.en.json';
import ko from '../i18n/signin.ko.json';
import { App } from './App';

registerCatalogue('signin', en, ko);
render(<App />, document.getElementById('app')!);
