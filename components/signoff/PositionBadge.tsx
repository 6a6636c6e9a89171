import { POSITION_LABEL, POSITION_TONE, type SignOffPosition } from "@/lib/signoff/positions";

/** An economy's position as a coloured badge, optionally prefixed with the economy's code. */
export function PositionBadge({ position, economyCode }: { position: SignOffPosition; economyCode?: string }) {
  return (
    <span className={`badge badge--${POSITION_TONE[position]}`} data-position={position}>
      {economyCode ? `${economyCode}: ` : ""}
      {POSITION_LABEL[position]}
    </span>
  );
}
