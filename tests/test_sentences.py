from regionkg.nlp.sentences import MAX_CHARS, split_sentences


def test_sentences_are_spans_of_the_text():
    text = "  第一句。“第二句！”第三句？\n\n没有句号的段落\n最后"
    spans = split_sentences(text)
    assert [text[s.start:s.end] for s in spans] == ["第一句。", "“第二句！”", "第三句？", "没有句号的段落", "最后"]
    assert [s.paragraph for s in spans] == [0, 0, 0, 2, 3]


def test_an_endless_line_is_cut_into_bounded_sentences():
    text = ("很长的句子，" * 1000) + "。"
    spans = split_sentences(text)
    assert max(s.end - s.start for s in spans) <= MAX_CHARS
    assert "".join(text[s.start:s.end] for s in spans) == text
