/* Share panel: copy link, system share sheet. */
