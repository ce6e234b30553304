"""Character ranges every stage shares, in one place.

Extraction, normalisation, tagging and the evaluations all ask "is this Han?";
when each kept its own range they drifted apart (one missed the compatibility
block, another the extension A block). They import these instead.
"""

from __future__ import annotations

import re

#: Han ideographs: extension A, the unified block, compatibility ideographs and the supplementary planes.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
HAN_RE = re.compile(f"[{HAN}]")
#: The same without the astral planes, for hot regexes: astral ranges slow the class test down.
HAN_BMP = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_BMP_RE = re.compile(f"[{HAN_BMP}]")

#: Characters nobody reads: zero-width and joiners, bidirectional controls (U+202E reverses the
#: text around it), the soft hyphen, BOMs and noncharacters (U+FFFE/FFFF), C0/C1 controls (not \t \n).
INVISIBLE = "\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufffe\uffff\u00ad\x00-\x08\x0b-\x1f\x7f-\x9f"

#: Japanese kana (hiragana, katakana), without the katakana middle dot ・ and the long-vowel mark ー,
#: which Chinese text borrows (迈克尔・乔丹).
KANA = "\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fd-\u30ff\u31f0-\u31ff"
KANA_RE = re.compile(f"[{KANA}]")

#: Korean Hangul syllables and jamo: letters, and never Chinese ones.
HANGUL_RE = re.compile("[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")

#: Chinese punctuation that may legitimately sit between Han characters.
# Cantonese's own characters (佢哋喺嘢冇咗嘅…): rare in the Mandarin texts the character frequencies
# come from, common on Hong Kong pages, so never a sign of mojibake by themselves
CANTONESE = "佢哋喺嘢冇咗嘅啲咁噉乜嚟唔咪嗰睇揾搵攞畀俾㗎啩喎嘞囉噃咩嗮冚瞓嘥揸氹咋啫嗱喇"

CJK_PUNCT = "，。、；：？！（）【】《》〈〉「」『』“”‘’…—～·"

#: The syllable characters of foreign names as Xinhua's transliteration table writes them (Simplified):
#: two of them on each side of a lost character (``巴兹?奥尔德林``) say the lost one was the name's ``·``.
TRANSLITERATION = (
    "阿埃艾爱安昂奥巴拜班邦保鲍贝本比彼宾波伯博布采查达戴丹道德登迪蒂丁杜多厄恩尔法菲费芬弗福"
    "盖甘戈格根古哈海汉翰豪赫亨霍基吉加贾杰金卡凯坎康科克肯库拉莱兰朗劳勒雷里利莉丽林琳隆卢鲁"
    "伦罗洛马玛迈麦曼梅门蒙米密敏姆穆纳娜奈南内尼涅纽努诺帕潘佩皮珀普奇乔切琼萨塞桑瑟森沙莎什"
    "舍史斯松苏索塔泰坦特提汀图托瓦万威韦维温沃乌西希谢辛休雅亚扬耶伊因英尤约泽扎詹兹"
    "列夫契柯茨历丝露黛琪薇妮娅"
)

# Words that make a clause a question (Simplified: what normalisation writes). A '？' closing a
# clause without one is usually rhetorical ("逾期了？别慌"); one inside a word is a lost character.
QUESTION_WORDS = (
    "怎", "如何", "什么", "啥", "哪", "谁", "几", "多少", "多久", "吗", "呢", "吧", "么", "是否", "能否", "可否",
    "是不是", "有没有", "会不会", "要不要", "能不能", "可不可以", "为何", "何", "难道", "还是", "咋", "否",
)

#: A site's greeting to its visitor (``欢迎访问某某网``, ``谢谢您访问〖…〗``, ``歡迎光臨``): never an
#: article's title, date line or text. The header, the ``<title>`` and the boilerplate rules read this one.
WELCOME = r"(?:欢迎|歡迎|谢谢|謝謝|感谢|感謝)(?:您|你)?的?(?:访问|訪問|光临|光臨|来到|來到|浏览|瀏覽|登录|登錄|进入|進入)"

#: Marks that open a list item or a heading (``- ``, ``• ``, ``◆``, ``✅``), written for a regex character
#: class (``-`` escaped). Unwrapping, headings, titles, teasers and repeated paragraphs all read them.
LIST_BULLETS = r"\-–—•·●○◆◇▪■□►▶▸✅❌✔✓※*+"
