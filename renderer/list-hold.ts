// Whether the user is at a list — the pointer over it, the focus in it, or work open in it (a note being typed) —
// so that an update from elsewhere moves none of its rows under them; and the moment they leave it, when the list
// may be arranged again. The Calls view holds its calls' order with it, the Recordings view the newly saved
// recordings.

export class ListHold {
  private pointer = false;
  private focus: Element | undefined;

  /**
   * @param released called when the hold ends: the list may be arranged again.
   * @param busy another reason to hold the list, besides the pointer and the focus (a note open in it).
   */
  constructor(
    private readonly released: () => void,
    private readonly busy: () => boolean = () => false,
  ) {}

  get held(): boolean {
    return this.pointer || this.hasFocus() || this.busy();
  }

  // Bound to the list's element: @pointerenter, @pointerleave, @focusin, @focusout.
  readonly pointerEnter = (): void => {
    this.pointer = true;
  };

  readonly pointerLeave = (): void => {
    this.letGo(() => (this.pointer = false));
  };

  readonly focusIn = (event: FocusEvent): void => {
    if (event.currentTarget instanceof Element) this.focus = event.currentTarget;
  };

  /** The focus left the list (or the window), unless it moved to another element of the list. */
  readonly focusOut = (event: FocusEvent): void => {
    if (event.relatedTarget instanceof Node && this.focus?.contains(event.relatedTarget)) return;
    this.letGo(() => (this.focus = undefined));
  };

  /** Something that held the list may have ended (a note closed, the focus moved by the view): let go if nothing holds it. */
  recheck(): void {
    this.letGo(() => {
      if (!this.hasFocus()) this.focus = undefined;
    });
  }

  /**
   * The focus counts only while it is really in the list: an element removed with the focus in it fires no
   * focusout, and the list would stay held for good.
   */
  private hasFocus(): boolean {
    return this.focus !== undefined && this.focus.contains(document.activeElement);
  }

  private letGo(change: () => void): void {
    change();
    if (!this.held) this.released();
  }
}
