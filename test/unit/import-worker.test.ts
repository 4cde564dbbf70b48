import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import iconv from 'iconv-lite';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { PARSE_WORKER_LIMITS, parseInWorker, startWorker } from '../../src-main/core/imports/parse/parse-worker-client';
import { sniffFile } from '../../src-main/core/imports/parse/sniff';
import type { ImportType, RowOutcome, WorkerInput, WorkerMessage } from '../../src-main/core/imports/types';
import { MAX_BATCH_BYTES } from '../../src-main/core/imports/parse/worker-protocol';

// Each test starts a worker thread that loads TypeScript through tsx: slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const fixtures = resolve(__dirname, '../fixtures/csv');
const imports = resolve(__dirname, '../../src-main/core/imports/parse');
const dir = mkdtempSync(join(tmpdir(), 'drm-parse-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Sniffs the file like the preview does, then parses it in the worker. */
async function parseFile(filePath: string, options: WorkerInput['options'] = {}, type?: ImportType, batchSize = 2) {
  const sniff = await sniffFile(filePath, options.fileName);
  const input: WorkerInput = {
    filePath,
    encoding: sniff.encoding,
    delimiter: sniff.delimiter,
    type: type ?? sniff.type ?? 'activities',
    mapping: sniff.mapping,
    options: { timezone: 'Asia/Tokyo', ...options },
    batchSize,
  };
  const batches: Extract<WorkerMessage, { type: 'batch' }>[] = [];
  const gen = parseInWorker(input);
  let next = await gen.next();
  while (!next.done) {
    batches.push(next.value);
    next = await gen.next();
  }
  return { sniff, batches, done: next.value, outcomes: batches.flatMap((b) => b.outcomes) };
}

const okLines = (outcomes: RowOutcome[]) => outcomes.flatMap((o) => (o.status === 'ok' ? [o.record.line] : []));

describe('parseInWorker: activities with CRLF, quoted newlines, ragged and bad rows', () => {
  const lines = [
    'occurred_at,action,source,email,display_name,memo',
    '2024-05-01 10:00,click,web,a@example.com,Aiko,plain',
    '2024-05-01 11:00,view,web,b@example.com,"Ben ""B"" Brown","first line\r\nsecond line\r\nthird line"',
    '',
    '2024-02-30 10:00,,web,not-an-email,Cara,bad row',
    '2024-05-02T09:00:00+09:00,click,web,d@example.com,Dan',
    '"2024-05-03 10:00",signup,web,e@example.com,"Eve\nLF inside",x',
    '2024-05-04 10:00,click,web,f@example.com,Fay,x,extra',
  ];
  const text = `${lines.join('\r\n')}\r\n`;

  it('reports every row with the line it starts on', async () => {
    const path = write('activities-crlf.csv', text);
    const { sniff, batches, done, outcomes } = await parseFile(path);
    expect(sniff).toMatchObject({ encoding: 'utf-8', delimiter: ',', type: 'activities' });
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'ok', 'error', 'error', 'ok', 'error']);
    // Header 1; the quoted field spans 3–5; line 6 is blank.
    expect(okLines(outcomes)).toEqual([2, 3, 9]);
    const second = outcomes[1];
    expect(second?.status === 'ok' && second.record.kind === 'activity' && second.record.actor.displayName).toBe('Ben "B" Brown');
    expect(second?.status === 'ok' && second.record.kind === 'activity' && second.record.metadata).toEqual({
      memo: 'first line\r\nsecond line\r\nthird line',
    });
    expect(outcomes.flatMap((o) => (o.status === 'error' ? o.errors.map(({ code: _c, params: _p, ...rest }) => rest) : []))).toEqual([
      { line: 7, column: 'occurred_at', reason: 'day 30 does not exist in 2024-02', value: '2024-02-30 10:00' },
      { line: 7, column: 'action', reason: 'action is required', value: '' },
      { line: 7, column: 'email', reason: expect.stringMatching(/not an email/), value: 'not-an-email' },
      { line: 8, column: '', reason: 'expected 6 columns, found 5', value: '2024-05-02T09:00:00+09:00,click,web,d@example.com,Dan' },
      { line: 11, column: '', reason: 'expected 6 columns, found 7', value: '2024-05-04 10:00,click,web,f@example.com,Fay,x,extra' },
    ]);
    expect(batches.map((b) => b.outcomes.length)).toEqual([2, 2, 2]);
    expect(batches.map((b) => b.rowsRead)).toEqual([2, 4, 6]);
    expect(done).toEqual({ type: 'done', rowsRead: 6, bytesRead: statSync(path).size });
    expect(batches.at(-1)?.bytesRead).toBe(statSync(path).size);
  });

  it('gives the same records for the file with LF endings and a BOM', async () => {
    const crlf = await parseFile(write('a-crlf.csv', text));
    const lf = await parseFile(
      write('a-lf.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text.replace(/\r\n/g, '\n'))])),
    );
    expect(lf.sniff.encoding).toBe('utf-8-bom');
    const shape = (o: RowOutcome) =>
      o.status === 'ok' && o.record.kind === 'activity' ? [o.record.line, o.record.occurredAt, o.record.actor.email] : o.status;
    expect(lf.outcomes.map(shape)).toEqual(crlf.outcomes.map(shape));
  });

  it('reports a broken quote with its line and stops there', async () => {
    const path = write(
      'broken-quote.csv',
      'occurred_at,action,source,email\n2024-05-01,click,web,a@example.com\n2024-05-01,click,web,"b@example.com"x\n2024-05-01,click,web,c@example.com\n',
    );
    const { outcomes } = await parseFile(path, {}, 'activities');
    expect(outcomes.map((o) => o.status)).toEqual(['ok', 'error']);
    expect(outcomes[1]).toEqual({
      status: 'error',
      errors: [
        {
          line: 3,
          column: '',
          code: 'closing-quote',
          params: {},
          reason: 'text right after a closing quote ("); the rest of the file cannot be read',
          value: '',
        },
      ],
    });
  });
});

describe('parseInWorker: connpass export in CP932', () => {
  // Columns out of their usual order, no 出欠ステータス, a survey column, CRLF.
  const rows = [
    ['受付番号', 'ユーザー名', '更新日時', '表示名', '参加ステータス', '参加枠名', 'アンケート：所属'],
    ['0001', 'Haru_T', '2019年7月13日 13時02分', '髙橋 ①', '参加者', '一般枠', '株式会社サンプル～開発部'],
    ['0002', '(退会ユーザー)', '2019年7月13日 14時00分', '(退会ユーザー)', '参加者', '一般枠', ''],
    ['0003', 'sato', '２０１９年７月１４日 ９時０５分', '佐藤', 'キャンセル', 'ＬＴ枠', 'ＡＢＣ１２３'],
    ['0004', 'kimura', '2019年7月15日', '木村', '参加者', '一般枠', ''],
  ];
  const text = `${rows.map((r) => r.join(',')).join('\r\n')}\r\n`;

  it('decodes, recognises, skips deleted users and reads Japanese dates in the import zone', async () => {
    const bytes = iconv.encode(text, 'cp932');
    expect(bytes.includes(Buffer.from([0x81, 0x60]))).toBe(true); // ～ as CP932's 0x8160
    const path = write('event_654321_participants.csv', bytes);
    const { sniff, outcomes, done } = await parseFile(path, { fileName: 'event_654321_participants.csv', eventTitle: 'Tech Night #7' });
    expect(sniff).toMatchObject({ encoding: 'cp932', type: 'connpass' });
    expect(sniff.mapping.attendance_status).toBeUndefined();
    expect(outcomes).toStrictEqual([
      {
        status: 'ok',
        record: {
          kind: 'activity',
          line: 2,
          occurredAt: Date.parse('2019-07-13T04:02:00Z'),
          action: 'register',
          source: 'connpass',
          actor: { provider: 'connpass', externalUserId: 'haru_t', handle: 'haru_t', displayName: '髙橋 ①' },
          resource: { category: 'event', title: 'Tech Night #7', externalId: '654321', url: 'https://connpass.com/event/654321/' },
          metadata: { 参加枠名: '一般枠', 受付番号: '0001', 'アンケート：所属': '株式会社サンプル\uFF5E開発部' },
        },
      },
      { status: 'skipped', line: 3, reason: 'deleted connpass user (退会ユーザー)' },
      {
        status: 'ok',
        record: expect.objectContaining({
          line: 4,
          action: 'cancel',
          occurredAt: Date.parse('2019-07-14T00:05:00Z'),
          metadata: { 参加枠名: 'ＬＴ枠', 受付番号: '0003', 'アンケート：所属': 'ＡＢＣ１２３' },
        }),
      },
      { status: 'ok', record: expect.objectContaining({ line: 5, action: 'register', occurredAt: Date.parse('2019-07-14T15:00:00Z') }) },
    ]);
    expect(done.rowsRead).toBe(4);
  });

  it('fails as a whole when the event is unknown', async () => {
    const path = write('participants.csv', iconv.encode(text, 'cp932'));
    await expect(parseFile(path, { fileName: 'participants.csv' }, 'connpass')).rejects.toThrow(/event id or title/);
  });
});

describe('parseInWorker: other exports', () => {
  it('reads GitHub stargazers', async () => {
    const { sniff, outcomes } = await parseFile(join(fixtures, 'github-stargazers.csv'), { timezone: 'UTC' });
    expect(sniff.type).toBe('github-stars');
    expect(
      outcomes.map((o) =>
        o.status === 'ok' && o.record.kind === 'activity'
          ? [o.record.line, o.record.actor.externalUserId, o.record.actor.handle, o.record.occurredAt]
          : o,
      ),
    ).toEqual([
      [2, 'octocat', 'octocat', Date.parse('2024-05-01T10:00:00Z')],
      [3, 'hubot', 'hubot', Date.parse('2024-05-02T11:30:15Z')],
      [4, 'haru-t', 'haru-t', Date.parse('2024-05-03T09:00:00Z')],
    ]);
    const first = outcomes[0];
    expect(
      first?.status === 'ok' && first.record.kind === 'activity' && [first.record.action, first.record.resource, first.record.metadata],
    ).toEqual([
      'star',
      { category: 'repo', title: 'example/drm-desktop', externalId: 'example/drm-desktop', url: 'https://github.com/example/drm-desktop' },
      { type: 'User', github_id: '583231' },
    ]);
  });

  it('reads a Slack member list', async () => {
    const { sniff, outcomes } = await parseFile(join(fixtures, 'slack-members.csv'), { occurredAt: '2024-04-01' });
    expect(sniff.type).toBe('slack-members');
    expect(
      outcomes.map((o) =>
        o.status === 'ok' && o.record.kind === 'activity' ? [o.record.action, o.record.occurredAt, o.record.actor] : o.status,
      ),
    ).toEqual([
      [
        'join',
        Date.parse('2024-03-31T15:00:00Z'),
        { provider: 'slack', externalUserId: 'U01HARU', handle: 'haru', email: 'haru@example.com', displayName: 'はる' },
      ],
      [
        'join',
        Date.parse('2024-03-31T15:00:00Z'),
        {
          provider: 'slack',
          externalUserId: 'U02HANAKO',
          handle: 'sato.hanako',
          email: 'hanako.sato@example.jp',
          displayName: '佐藤 花子',
        },
      ],
      'skipped',
    ]);
  });
});

describe('parseInWorker: staging', () => {
  it("sends each batch's COPY lines as UTF-8 bytes on a buffer of the batch's own", async () => {
    const path = write(
      'stage.csv',
      [
        'occurred_at,action,source,email,display_name',
        '2024-05-01 10:00,click,web,a@example.com,青木 愛子',
        '2024-05-01 11:00,view,web,b@example.com,Ben',
        '2024-05-02 09:00,click,web,c@example.com,Cara',
      ].join('\n'),
    );
    const sniff = await sniffFile(path);
    const input: WorkerInput = {
      filePath: path,
      encoding: sniff.encoding,
      delimiter: sniff.delimiter,
      type: 'activities',
      mapping: sniff.mapping,
      options: { timezone: 'Asia/Tokyo' },
      batchSize: 2,
      stageTenant: '00000000-0000-0000-0000-000000000001',
    };
    const batches: Extract<WorkerMessage, { type: 'batch' }>[] = [];
    for await (const batch of parseInWorker(input)) batches.push(batch);
    expect(batches).toHaveLength(2);
    const lines = batches.map((b) => new TextDecoder().decode(b.copyBytes).split('\n').slice(0, -1));
    // Each staged row is one line of the stage's columns: its line number first, the name as written.
    expect(lines.map((batch) => batch.map((line) => line.split('\t')[0]))).toEqual([['2', '3'], ['4']]);
    expect(lines[0]![0]!.split('\t')).toContain('青木 愛子');
    expect(batches.map((b) => b.copyBytes!.byteOffset)).toEqual([0, 0]);
    expect(batches[0]!.copyBytes!.buffer).not.toBe(batches[1]!.copyBytes!.buffer);
    // The actors resolution gathers come along (actors.ts).
    expect(batches.flatMap((b) => b.actors ?? []).map((a) => a[0])).toEqual([2, 3, 4]);
  });
});

describe('parseInWorker: failures and cancellation', () => {
  const input = (filePath: string, extra: Partial<WorkerInput> = {}): WorkerInput => ({
    filePath,
    encoding: 'utf-8',
    delimiter: ',',
    type: 'activities',
    mapping: {},
    options: { timezone: 'UTC', source: 'web' },
    batchSize: 10,
    ...extra,
  });

  it("throws the worker's fatal message", async () => {
    const path = write('no-source.csv', 'occurred_at,action,email\n2024-05-01,click,a@example.com\n');
    const run = async () => {
      for await (const _batch of parseInWorker(input(path, { options: { timezone: 'UTC' } }))) void _batch;
    };
    await expect(run()).rejects.toThrow('no column for source and no source given for the import');
    await expect(async () => {
      for await (const _batch of parseInWorker(input(join(dir, 'missing.csv')))) void _batch;
    }).rejects.toThrow(/ENOENT/);
  });

  function bigFile(rows: number): string {
    const lines = ['occurred_at,action,email'];
    for (let i = 0; i < rows; i++) lines.push(`2024-05-01T10:00:00Z,click,user${i}@example.com`);
    return write(`big-${rows}.csv`, `${lines.join('\n')}\n`);
  }

  it('stops the worker when aborted, and when the consumer stops early', async () => {
    const path = bigFile(20_000);
    const controller = new AbortController();
    let seen = 0;
    const run = async () => {
      for await (const batch of parseInWorker(input(path), controller.signal)) {
        seen += batch.outcomes.length;
        if (seen >= 30) controller.abort();
      }
    };
    await expect(run()).rejects.toThrow(/abort/i);
    expect(seen).toBe(30);

    let batches = 0;
    for await (const _batch of parseInWorker(input(path))) if (++batches === 2) break;
    expect(batches).toBe(2);

    const aborted = new AbortController();
    aborted.abort();
    await expect(parseInWorker(input(path), aborted.signal).next()).rejects.toThrow(/abort/i);
  });

  it("runs with a young generation below V8's default (48 MB): the heap each of the two workers holds", async () => {
    const worker = startWorker(input(bigFile(10)));
    try {
      await new Promise((resolve) => worker.once('online', resolve));
      expect(worker.resourceLimits?.maxYoungGenerationSizeMb).toBe(PARSE_WORKER_LIMITS.maxYoungGenerationSizeMb);
      expect(worker.resourceLimits?.maxYoungGenerationSizeMb).toBeLessThan(48);
      // A small old generation: V8 then grows it by 1.3 times what it keeps, not up to 4 times.
      expect(worker.resourceLimits?.maxOldGenerationSizeMb).toBe(PARSE_WORKER_LIMITS.maxOldGenerationSizeMb);
      expect(worker.resourceLimits?.maxOldGenerationSizeMb).toBeLessThanOrEqual(256);
    } finally {
      await worker.terminate();
    }
  });

  it('sends a batch once its COPY text reaches MAX_BATCH_BYTES, short of its rows', async () => {
    // 300 rows of ~60 kB each (18 MB): one batch of 2,000 rows would hold them all.
    const lines = ['occurred_at,action,source,email,display_name'];
    for (let i = 0; i < 300; i++) lines.push(`2024-05-01 10:00,click,web,u${i}@example.com,${'x'.repeat(60_000)}`);
    const path = write('wide-rows.csv', `${lines.join('\n')}\n`);
    const sniff = await sniffFile(path);
    const batches: Extract<WorkerMessage, { type: 'batch' }>[] = [];
    for await (const batch of parseInWorker({
      filePath: path,
      encoding: sniff.encoding,
      delimiter: sniff.delimiter,
      type: 'activities',
      mapping: sniff.mapping,
      options: { timezone: 'UTC' },
      batchSize: 2_000,
      stageTenant: '00000000-0000-0000-0000-000000000001',
    }))
      batches.push(batch);
    const rows = batches.map((b) => new TextDecoder().decode(b.copyBytes).split('\n').length - 1);
    expect(rows.reduce((a, b) => a + b, 0)).toBe(300);
    expect(batches.length).toBeGreaterThanOrEqual(3);
    // Each stops at the first row past the bound.
    for (const b of batches) expect(b.copyBytes!.length).toBeLessThan(MAX_BATCH_BYTES + 70_000);
  });

  it('keeps at most two unacknowledged batches in flight', async () => {
    const path = bigFile(2_000);
    // Drive the worker by hand, as parseInWorker does, but withhold the acks.
    const worker = new Worker(pathToFileURL(join(imports, 'worker-bootstrap.mjs')), {
      workerData: { ...input(path), entry: pathToFileURL(join(imports, 'parse-worker.ts')).href },
    });
    const messages: WorkerMessage[] = [];
    worker.on('message', (m: WorkerMessage) => messages.push(m));
    try {
      const until = async (count: number) => {
        const started = Date.now();
        while (messages.length < count && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
      };
      await until(2);
      await new Promise((r) => setTimeout(r, 500));
      expect(messages.map((m) => m.type)).toEqual(['batch', 'batch']);
      worker.postMessage({ type: 'ack' });
      await until(3);
      await new Promise((r) => setTimeout(r, 200));
      expect(messages).toHaveLength(3);
      // Acknowledge everything from now on and collect the rest.
      worker.on('message', () => worker.postMessage({ type: 'ack' }));
      worker.postMessage({ type: 'ack' });
      worker.postMessage({ type: 'ack' });
      await until(201);
      expect(messages.filter((m) => m.type === 'batch')).toHaveLength(200);
      expect(messages.at(-1)).toEqual({ type: 'done', rowsRead: 2000, bytesRead: statSync(path).size });
    } finally {
      await worker.terminate();
    }
  }, 30_000);
});
