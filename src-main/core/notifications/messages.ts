/**
 * The events' words and data, built where nothing is sent: one place says
 * what an import, a backup failure or a test looks like in Slack, in a
 * webhook's JSON and in an email. (The digest and merge suggestions build
 * theirs in digest.ts and suggestions.ts, from their queries.)
 */
import type { NotifyEvent } from './notify';

interface ImportEnd {
  jobId: string;
  fileName: string;
  type: string;
  status: 'succeeded' | 'rejected' | 'failed';
  message: string | null;
  rowsRead: number;
  errorCount: number;
  inserted: Record<string, number>;
}

export function importMessage(job: ImportEnd): NotifyEvent {
  const data = { ...job };
  if (job.status === 'succeeded') {
    const added = Object.entries(job.inserted)
      .filter(([, n]) => n > 0)
      .map(([what, n]) => `${n} ${what}`);
    return {
      event: 'import.finished',
      title: `Import finished: ${job.fileName}`,
      text: `${job.rowsRead} rows read (${job.type}); added: ${added.length > 0 ? added.join(', ') : 'nothing new'}.`,
      data,
    };
  }
  return {
    event: 'import.failed',
    title: `Import failed: ${job.fileName}`,
    text: `${job.message ?? 'The import did not finish.'}${job.errorCount > 0 ? ` (${job.errorCount} row errors)` : ''}\nNothing was imported: open Import in DRM Desktop to see why.`,
    data,
  };
}

export function backupFailedMessage(error: string, at: Date): NotifyEvent {
  return {
    event: 'backup.failed',
    title: 'The scheduled backup failed',
    text: `${error}\nOpen Settings → Backups in DRM Desktop to check the backup folder.`,
    data: { error, at: at.toISOString() },
  };
}

export function testMessage(channelName: string, at: Date): NotifyEvent {
  return {
    event: 'test',
    title: 'Test notification from DRM Desktop',
    text: `The channel “${channelName}” works.`,
    data: { at: at.toISOString() },
  };
}
