"""The take-home handout: one printed page with the steps, in the visitor's language.

``content`` assembles the texts (plain Python); ``render`` lays them out on a Letter or A4 page
with Qt and makes the PDF; ``save`` writes a PDF where an operator or volunteer asked.
"""
