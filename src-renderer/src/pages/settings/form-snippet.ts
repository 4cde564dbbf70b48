import type { IngestForm } from '../../../../src-shared/contract/forms';

/** Where the snippet posts until the user puts in their server's address (the app cannot know how the site reaches it). */
export const SNIPPET_HOST = 'https://drm.example.com';

/**
 * An HTML form to paste into a site: email and name, the honeypot hidden off
 * screen, and a few lines that post it with fetch (a plain urlencoded POST,
 * so no preflight) and say thanks in place.
 */
export function formSnippet(form: Pick<IngestForm, 'path' | 'honeypotField'>): string {
  const trap = form.honeypotField
    ? `\n  <div style="position:absolute;left:-10000px" aria-hidden="true"><input name="${form.honeypotField}" tabindex="-1" autocomplete="off"></div>`
    : '';
  return `<form id="drm-form" action="${SNIPPET_HOST}${form.path}" method="post">
  <label>Email <input type="email" name="email" required></label>
  <label>Name <input name="name" autocomplete="name"></label>${trap}
  <button>Sign up</button>
</form>
<script>
document.getElementById('drm-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = event.target;
  const response = await fetch(form.action, { method: 'POST', body: new URLSearchParams(new FormData(form)) }).catch(() => null);
  form.replaceWith(response && response.ok ? 'Thank you!' : 'Sorry, that did not work. Please try again later.');
});
</script>`;
}
