import { initAll } from '/lib/govuk/govuk-frontend.min.js';
initAll();

// Print buttons are hidden until this script can make them work.
for (const button of document.querySelectorAll('[data-hearth-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
