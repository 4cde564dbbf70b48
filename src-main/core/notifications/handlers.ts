import type { Db } from '../db/db';
import type { CoreEvents } from '../events';
import type { DomainHandlers } from '../handlers';
import { channelRow, createChannelUndoStore, deleteChannel, listChannels, restoreChannel, saveChannel } from './channels';
import { sendNow, systemClock, type SendClock } from './deliver';
import { historyEntry, listHistory } from './history';
import { testMessage } from './messages';
import { notify } from './notify';
import { readSmtp, saveSmtp, smtpView } from './smtp';

export function notificationHandlers(db: Db, events: CoreEvents, tenant: string, clock: SendClock = systemClock): DomainHandlers {
  const undo = createChannelUndoStore();
  const changed = () => events.emit('db:changed', { tables: ['app.notification_channels'] });
  const sentOne = () => events.emit('db:changed', { tables: ['notifications', 'app.notification_deliveries'] });
  return {
    'notifications:list-channels': () => listChannels(db, tenant),
    'notifications:save-channel': async (input) => {
      const saved = await saveChannel(db, tenant, input);
      changed();
      return saved;
    },
    'notifications:delete-channel': async ({ channelId }) => {
      const deleted = await deleteChannel(db, undo, tenant, channelId);
      changed();
      return deleted;
    },
    'notifications:restore-channel': async ({ undoToken }) => {
      const restored = await restoreChannel(db, undo, tenant, undoToken);
      changed();
      return restored;
    },
    'notifications:send-test': async ({ channelId }) => {
      const channel = await channelRow(db, tenant, channelId);
      const [id] = await notify(db, tenant, testMessage(channel.name, clock.now()), channel);
      await sendNow(db, tenant, id!, clock);
      sentOne();
      return historyEntry(db, tenant, id!);
    },
    'notifications:list-history': ({ limit }) => listHistory(db, tenant, limit),
    'notifications:get-smtp': async () => smtpView(await readSmtp(db, tenant)),
    'notifications:save-smtp': async (input) => {
      const saved = await saveSmtp(db, tenant, input);
      events.emit('db:changed', { tables: ['system_settings'] });
      return saved;
    },
  };
}
