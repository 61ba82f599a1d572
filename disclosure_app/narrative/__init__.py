"""The 情况说明, 概况 and 名词解释 written from the numbers (no Qt)."""
