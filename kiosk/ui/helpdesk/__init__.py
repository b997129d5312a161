"""The help-desk view (`kiosk --helper`): a volunteer and a visitor, two languages side by side.

``window`` is the window and what it does, with the row of buttons that jumps to a page;
``half`` is one language's column (its picker and its copy of the pages); ``questions`` is the
page of common questions.
"""
