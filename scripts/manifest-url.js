/**
 * The production manifest: manifest.xml (which points at the dev server,
 * https://localhost:3000/) with every URL moved to the deployment's HTTPS base
 * URL and a <SupportUrl>. Used by webpack when it copies manifest.xml to dist/:
 *
 *   ADDIN_BASE_URL=https://addin.example.cn/perf-eval/ [ADDIN_SUPPORT_URL=https://…] npm run build
 *
 * Without ADDIN_BASE_URL the dev origin is kept (sideloading a local build).
 */
const DEV_ORIGIN = 'https://localhost:3000/';

function checkHttps(url, what) {
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`${what} is not a URL: ${url}`);
  }
  // Office requires HTTPS for every URL in the manifest.
  if (parsed.protocol !== 'https:') throw new Error(`${what} must be https: ${url}`);
  return parsed.href;
}

/** @param {string} xml @param {{ baseUrl?: string, supportUrl?: string }} options */
function productionManifest(xml, options = {}) {
  let base = checkHttps(options.baseUrl || DEV_ORIGIN, 'ADDIN_BASE_URL');
  if (!base.endsWith('/')) base += '/';
  const support = checkHttps(options.supportUrl || `${base}taskpane.html`, 'ADDIN_SUPPORT_URL');
  let out = xml.split(DEV_ORIGIN).join(base);
  if (!/<SupportUrl\b/.test(out)) {
    // Schema order: … IconUrl, HighResolutionIconUrl, SupportUrl, AppDomains, Hosts …
    out = out.replace(
      /(<HighResolutionIconUrl\b[^>]*\/>)(\s*)/,
      (_m, el, ws) => `${el}${ws}<SupportUrl DefaultValue="${support.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"/>${ws}`,
    );
  }
  return out;
}

module.exports = { productionManifest, DEV_ORIGIN };
