import type { TableName } from '../../../src-shared/contract/tables';
import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { qrPng, qrSvg } from './qr';
import { redirectFileNames, redirectRules } from './redirects';
import { createShortlink, getShortlink, listShortlinks, updateShortlink } from './service';
import { readShortlinkSettings, updateShortlinkSettings } from './settings';
import { createShortlinkUndoStore, deleteShortlink, restoreShortlink } from './undo';

export function shortlinkHandlers(db: Db, events: CoreEvents, tenant: string): DomainHandlers {
  const undo = createShortlinkUndoStore();
  const changed = (tables: TableName[]) => events.emit('db:changed', { tables });
  return {
    'shortlinks:list': (query) => listShortlinks(db, tenant, query),
    'shortlinks:get': ({ shortlinkId }) => getShortlink(db, tenant, shortlinkId),

    'shortlinks:create': async (fields) => {
      const id = await createShortlink(db, tenant, fields);
      changed(['shortlinks']);
      return getShortlink(db, tenant, id);
    },

    'shortlinks:update': async ({ shortlinkId, ...fields }) => {
      if (await updateShortlink(db, tenant, shortlinkId, fields)) changed(['shortlinks']);
      return getShortlink(db, tenant, shortlinkId);
    },

    'shortlinks:delete': async ({ shortlinkId }) => {
      const deleted = await deleteShortlink(db, undo, tenant, shortlinkId);
      changed(['shortlinks']);
      return deleted;
    },

    'shortlinks:restore': async ({ undoToken }) => {
      const id = await restoreShortlink(db, undo, tenant, undoToken);
      changed(['shortlinks']);
      return getShortlink(db, tenant, id);
    },

    'shortlinks:get-qr': async ({ shortlinkId, format, size, level, caption }) => {
      const link = await getShortlink(db, tenant, shortlinkId);
      // Without a domain there is no short URL yet: the code then leads straight to the final URL.
      const encodes = link.shortUrl ?? link.finalUrl;
      const options = { size, level, caption };
      const name = `qr-${link.key}-${size}px-${level}`;
      return format === 'svg'
        ? { fileName: `${name}.svg`, mimeType: 'image/svg+xml', encoding: 'utf8', content: qrSvg(encodes, options).svg, encodes }
        : {
            fileName: `${name}.png`,
            mimeType: 'image/png',
            encoding: 'base64',
            content: qrPng(encodes, options).toString('base64'),
            encodes,
          };
    },

    'shortlinks:export-redirects': async ({ format }) => {
      const links = await listShortlinks(db, tenant);
      // Sorted by key, so that an exported file diffs well from one export to the next.
      links.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
      const rules = links.map((l) => ({
        key: l.key,
        shortUrl: l.shortUrl,
        finalUrl: l.finalUrl,
        campaign: l.campaignName,
        resource: l.resourceTitle,
      }));
      return { fileName: redirectFileNames[format], content: redirectRules(format, rules), count: rules.length };
    },

    'shortlinks:get-settings': () => readShortlinkSettings(db, tenant),
    'shortlinks:update-settings': async (update) => {
      const settings = await updateShortlinkSettings(db, tenant, update);
      changed(['system_settings']);
      return settings;
    },
  };
}
