/**
 * The registry of import formats (core/imports/formats): what each built-in
 * format declares — the per-type rules the renderer and the CLI used to keep
 * copies of — and that every registered format is named in both languages.
 */
import { describe, expect, it } from 'vitest';
import en from '../../src-renderer/src/i18n/en';
import ja from '../../src-renderer/src/i18n/ja';
import { budgetCategories } from '../../src-shared/budget-categories';
import { providers } from '../../src-shared/providers';
import { importTypesHelp } from '../../src-main/cli/import';
import { CoreError } from '../../src-main/core/errors';
import { describeFormats, requireFormat } from '../../src-main/core/imports/formats/describe';
import { findFormat, formatOf, importFormats, recognitionOrder } from '../../src-main/core/imports/formats/index';

const listed = (type: string) => describeFormats().find((format) => format.type === type)!;

describe('the built-in formats', () => {
  it('are the seven of issue 3 and the click log of issue 13, in the picker order', () => {
    expect(importFormats().map((format) => format.type)).toEqual([
      'activities',
      'developers',
      'campaigns',
      'budgets',
      'connpass',
      'github-stars',
      'slack-members',
      'shortlink-clicks',
    ]);
  });

  it('offer the event fields for connpass and "joined at" for Slack only', () => {
    expect(listed('connpass').options).toEqual(expect.arrayContaining(['eventTitle', 'eventId', 'eventDate', 'timezone']));
    expect(listed('slack-members').options).toContain('occurredAt');
    expect(listed('activities').options).toEqual(['timezone', 'source', 'campaign']);
    expect(listed('activities').options).not.toContain('eventTitle');
    const withOccurredAt = importFormats().filter((format) => format.options.includes('occurredAt'));
    expect(withOccurredAt.map((format) => format.type)).toEqual(['slack-members']);
  });

  it('lead their result with the table each is mostly about', () => {
    expect(Object.fromEntries(describeFormats().map((format) => [format.type, format.primaryCount]))).toEqual({
      activities: 'activities',
      connpass: 'activities',
      'github-stars': 'activities',
      'slack-members': 'activities',
      'shortlink-clicks': 'activities',
      developers: 'developers',
      campaigns: 'campaigns',
      budgets: 'budgets',
    });
  });

  it('keep leftover columns as metadata for activities and connpass, and ask activities for an actor', () => {
    expect(
      describeFormats()
        .filter((format) => format.keepsUnmapped)
        .map((format) => format.type),
    ).toEqual(['activities', 'connpass']);
    expect(listed('activities').actorFieldSets).toEqual([['provider', 'external_user_id'], ['provider', 'handle'], ['email'], ['anon_id']]);
    expect(
      describeFormats()
        .filter((format) => format.actorFieldSets.length > 0)
        .map((format) => format.type),
    ).toEqual(['activities']);
  });

  it('have templates for the app’s own formats only, and load activities or entities', () => {
    expect(
      describeFormats()
        .filter((format) => format.template)
        .map((format) => format.type),
    ).toEqual(['activities', 'developers', 'campaigns', 'budgets', 'shortlink-clicks']);
    const activityLoads = importFormats().filter((format) => format.load.kind === 'activity');
    expect(activityLoads.map((format) => format.type)).toEqual(['activities', 'connpass', 'github-stars', 'slack-members']);
    expect(formatOf('budgets').tables).toEqual(['budgets', 'campaigns']);
    expect(formatOf('connpass').tables).toEqual(formatOf('activities').tables);
  });

  it('list the values a template column takes, closed where nothing else is accepted', () => {
    const values = (type: string) => Object.fromEntries(listed(type).values.map((v) => [v.field, v]));
    expect(values('budgets').category).toEqual({ field: 'category', values: [...budgetCategories], closed: true });
    expect(values('budgets').currency).toMatchObject({ closed: false, values: expect.arrayContaining(['JPY', 'USD']) });
    expect(values('activities').action).toMatchObject({
      closed: false,
      values: expect.arrayContaining(['register', 'waitlist', 'attend']),
    });
    expect(values('activities').provider?.values).toEqual([...providers]);
    expect(values('developers').consent_analytics).toMatchObject({ closed: true, values: ['true', 'false'] });
    // Every listed field is one of the format's own, and formats without a template list none.
    for (const format of describeFormats()) {
      const names = format.fields.map((f) => f.name);
      for (const v of format.values) expect(names, `${format.type}.${v.field}`).toContain(v.field);
      if (!format.template) expect(format.values, format.type).toEqual([]);
    }
  });

  it('are recognised from the most specific export to the most generic template', () => {
    expect(recognitionOrder().map((format) => format.type)).toEqual([
      'shortlink-clicks',
      'connpass',
      'github-stars',
      'slack-members',
      'budgets',
      'activities',
      'campaigns',
      'developers',
    ]);
    const ranks = recognitionOrder().map((format) => format.detect?.rank);
    expect(new Set(ranks).size).toBe(ranks.length);
  });
});

describe('looking a format up', () => {
  it('refuses an unknown type as the caller’s mistake, naming the known ones', () => {
    expect(findFormat('csv')).toBeUndefined();
    try {
      requireFormat('csv');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(CoreError);
      expect((error as CoreError).code).toBe('BAD_INPUT');
      expect((error as CoreError).message).toMatch(/Unknown import type "csv"; use one of activities, developers, .*slack-members/);
    }
    // Past the boundary, an unchecked type is a bug of ours: a plain error, not a caller's BAD_INPUT.
    expect(() => formatOf('csv')).toThrow(/Unknown import type "csv"/);
    expect(() => formatOf('csv')).not.toThrow(CoreError);
  });

  it('gives the CLI its --type list from the registry', () => {
    expect(importTypesHelp()).toBe(
      importFormats()
        .map((format) => format.type)
        .join('|'),
    );
  });
});

describe('translations of the formats', () => {
  it('name every registered format in both languages, with the registry’s English names as in en', () => {
    for (const format of describeFormats()) {
      const long = format.type as keyof typeof en.imports.types;
      const short = format.type as keyof typeof en.imports.typeShort;
      expect(en.imports.types[long], format.type).toBe(format.label);
      expect(en.imports.typeShort[short], format.type).toBe(format.shortLabel);
      expect(ja.imports.types[long], format.type).toEqual(expect.any(String));
      expect(ja.imports.typeShort[short], format.type).toEqual(expect.any(String));
      expect(format.labelKeys).toEqual({ label: `imports.types.${format.type}`, shortLabel: `imports.typeShort.${format.type}` });
    }
  });

  it('label every field of every format in both languages', () => {
    for (const format of describeFormats()) {
      for (const field of format.fields) {
        expect(Object.hasOwn(en.imports.fields, field.name), `${format.type}.${field.name}`).toBe(true);
        expect(Object.hasOwn(ja.imports.fields, field.name), `${format.type}.${field.name}`).toBe(true);
      }
    }
  });
});
