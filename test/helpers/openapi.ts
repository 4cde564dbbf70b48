import Ajv2020 from 'ajv/dist/2020';
import { expect } from 'vitest';

type Document = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
};

/**
 * The OpenAPI document a server serves at /api/v1/openapi.json, as a check of
 * real answers: `validate(path template, method, status, body)` fails the
 * test when the document has no such response or the body does not fit it.
 */
export async function openApiValidator(base: string) {
  const doc = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as Document;
  expect(doc.openapi).toBe('3.1.0');
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  ajv.addSchema({ ...doc, $id: 'openapi.json' });
  return (path: string, method: string, status: number, body: unknown) => {
    const response = doc.paths[path]?.[method]?.responses[String(status)];
    expect(response, `${method} ${path} ${status} is in the OpenAPI document`).toBeDefined();
    const pointer = `/paths/${path.replace(/~/g, '~0').replace(/\//g, '~1')}/${method}/responses/${status}/content/application~1json/schema`;
    const check = ajv.getSchema(`openapi.json#${pointer}`)!;
    expect(check(body), `${method} ${path} ${status}: ${ajv.errorsText(check.errors)}`).toBe(true);
  };
}
