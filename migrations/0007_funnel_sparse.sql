ALTER TABLE "derived"."funnel_bits" ALTER COLUMN "bits" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "derived"."funnel_bits" ADD COLUMN "members" integer[];--> statement-breakpoint
ALTER TABLE "derived"."funnel_bits" ADD CONSTRAINT "funnel_bits_one_form_check" CHECK (("derived"."funnel_bits"."bits" is null) <> ("derived"."funnel_bits"."members" is null));--> statement-breakpoint
-- A funnel_bits row in one of two forms (derived/funnel-sparse.ts): `members`,
-- the sorted positions of its developers in the chunk, while it holds at most
-- 1024 (FUNNEL_SPARSE_MAX), else `bits`. The functions below are what the
-- refresh applies a change with (derived/funnel-bits.ts).
--
-- The positions set in a 65,536-bit chunk, sorted ('{}' for none): the text
-- form split at each '1' (string_to_table scans like memchr) gives the runs
-- of zeros between members, and a member sits after each run but the last.
CREATE FUNCTION "derived"."funnel_bits_members"(bits bit varying) RETURNS integer[]
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  select coalesce(array_agg(p order by o) filter (where o < n), '{}')
    from (select o, (sum(length(run) + 1) over (order by o) - 1)::int as p, count(*) over () as n
            from string_to_table(bits::text, '1') with ordinality x(run, o)) y
$$;--> statement-breakpoint
-- `bits` with the positions `members` set too (a chunk of zeros when `bits` is null).
CREATE FUNCTION "derived"."funnel_bits_with"(bits bit varying, members integer[]) RETURNS bit varying
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
declare
  m integer;
begin
  bits := coalesce(bits, repeat('0', 65536)::bit varying);
  foreach m in array coalesce(members, '{}') loop
    bits := set_bit(bits, m, 1);
  end loop;
  return bits;
end
$$;--> statement-breakpoint
-- A row after a change of the developers named: the old row (either form, or
-- none) without the `clear` positions (`keep` is the same as a mask), with
-- the `set_*` positions (either form, or none), in the form its population
-- calls for. An emptied row comes back as members '{}', which the caller deletes.
CREATE FUNCTION "derived"."funnel_row"(
  old_bits bit varying, old_members integer[], keep bit varying, clear integer[],
  set_bits bit varying, set_members integer[], sparse_max integer,
  OUT bits bit varying, OUT members integer[])
  LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
declare
  b bit varying;
begin
  if old_bits is null then
    members := array(select m from unnest(old_members) m where m <> all(coalesce(clear, '{}'))
                     union select unnest(set_members) order by 1);
    if set_bits is null and cardinality(members) <= sparse_max then
      return;
    end if;
    b := "derived"."funnel_bits_with"(set_bits, members);
  else
    b := old_bits;
    if keep is not null then b := b & keep; end if;
    if set_bits is not null then b := b | set_bits; end if;
    b := "derived"."funnel_bits_with"(b, set_members);
  end if;
  if bit_count(b) <= sparse_max then
    members := "derived"."funnel_bits_members"(b);
  else
    bits := b;
    members := null;
  end if;
end
$$;--> statement-breakpoint
-- The stored rows are emptied rather than converted here: converting them row by row took 4.5 minutes
-- at 1M activities, and the start that applies this migration rebuilds the derived tables anyway
-- (core/index.ts: the funnel's slices may change with the release that brings it).
TRUNCATE "derived"."funnel_bits", "derived"."funnel_cells";
