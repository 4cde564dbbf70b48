interface MissingRecordProps {
  /** What the address named, translated: "This developer does not exist…". */
  body: string;
  /** Where to go instead: the list the record would be in. */
  backHref: string;
  backLabel: string;
}

/** A record page whose address names nothing (deleted, mistyped, an old link): said plainly, with the way out. */
export function MissingRecord({ body, backHref, backLabel }: MissingRecordProps) {
  return (
    <div className="empty-state" data-testid="missing-record">
      <p>{body}</p>
      <p>
        <a href={backHref}>{backLabel}</a>
      </p>
    </div>
  );
}
