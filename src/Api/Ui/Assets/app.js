// The client app: the shell loads this module on every /ui page and it draws the screen for the path.
import { h, mount } from './dom.js';
import { contactsList } from './contacts-list.js';
import { contactForm } from './contact-form.js';
import { contactDetail } from './contact-detail.js';
import { importWizard } from './import-wizard.js';
import { dashboard } from './dashboard.js';

const routes = [
  [/^\/ui\/contacts\/?$/, () => contactsList()],
  [/^\/ui\/contacts\/new$/, () => contactForm(null)],
  [/^\/ui\/contacts\/(\d+)\/edit$/, m => contactForm(Number(m[1]))],
  [/^\/ui\/contacts\/(\d+)$/, m => contactDetail(Number(m[1]))],
  // An import's id is the job's key, 32 hex digits (POST /api/contacts/import answers it).
  [/^\/ui\/import(\/([0-9a-f]{32}))?$/, m => importWizard(m[2] ?? null)],
  [/^\/ui\/dashboard$/, () => dashboard()],
];

const app = document.getElementById('app');
for (const link of document.querySelectorAll('.topbar nav a')) {
  if (location.pathname.startsWith(link.getAttribute('href'))) link.classList.add('active');
}
const route = routes.find(([pattern]) => pattern.test(location.pathname));
if (!route) {
  mount(app, h('h1', 'Page not found'), h('p', h('a', { href: '/ui/contacts' }, 'Back to contacts')));
} else {
  Promise.resolve(route[1](location.pathname.match(route[0])))
    .then(view => mount(app, view))
    .catch(error => mount(app,
      h('h1', error.status === 404 ? 'Not found' : 'Something went wrong'),
      h('p.field-error#page-error', error.status === 404 ? 'There is no such contact, or it was deleted.' : error.message),
      h('p', h('a', { href: '/ui/contacts' }, 'Back to contacts'))));
}
