"""Order entry without a UI: the editable draft, the paste parser, SAP's answer mapped onto the
draft's lines, the problem list before save, and the save state machine.

Nothing here imports Textual or Rich, and nothing here is written anywhere: a draft lives in
memory (on the desk, ``Desk.drafts``) until SAP confirms the order. The screen
(``ordertui.screens.order_entry``) renders these objects and sends their ``OrderDraft`` through
the gateway; every rule a test can check without a terminal lives here.

- ``draft``: ``EntryDraft`` (header + ``EntryLine`` list, each line with its id, the text as typed
  and the problems found in it), undo of a deleted line, the draft reference, ``order_draft()``
  for simulate and create; the list of open drafts;
- ``paste``: a faxed or e-mailed block of lines -> order lines, and the lines it could not read;
- ``pricing``: a ``Quote`` mapped back onto the lines it answered (and the lines SAP added),
  totals, the confirmation as SAP gave it;
- ``problems``: every reason not to save yet, each pointing at its field;
- ``save``: editing -> sending -> saved | not saved | uncertain, and "check SAP" while uncertain.
"""
