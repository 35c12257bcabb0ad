/** A one-line message at the top of the card page (an action's error or success), tapped away. */
export interface Notice {
  tone: 'error' | 'success';
  text: string;
}
export type ShowNotice = (notice: Notice | null) => void;
