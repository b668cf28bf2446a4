#!/usr/bin/env python3
"""Writes the .docx templates the plugin serves for 企业公函 and 企业承诺书 (plugin/pages/*.docx).

The templates are written for this product: plain paragraphs with 【…】 placeholders for the
enterprise's name, USCC and the rest. Stored uncompressed (ZIP_STORED) with a fixed timestamp, so
the output is byte-for-byte reproducible and a test can find the placeholders in the bytes.
Run it again after changing the text: python3 scripts/make-docx-templates.py
"""
import pathlib
import zipfile
from xml.sax.saxutils import escape

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "plugin" / "pages"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>
</Types>"""

RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>
</Relationships>"""

FONT = '<w:rFonts w:ascii="SimSun" w:eastAsia="SimSun" w:hAnsi="SimSun"/>'


def paragraph(text, *, bold=False, center=False, right=False, size=28):
    ppr = ""
    if center:
        ppr = '<w:pPr><w:jc w:val="center"/></w:pPr>'
    elif right:
        ppr = '<w:pPr><w:jc w:val="right"/></w:pPr>'
    rpr = f"<w:rPr>{FONT}{'<w:b/>' if bold else ''}<w:sz w:val=\"{size}\"/></w:rPr>"
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'


def document(title, body, signature):
    paras = [paragraph(title, bold=True, center=True, size=36), paragraph("")]
    paras += [paragraph(line) for line in body]
    paras += [paragraph("")] + [paragraph(line, right=True) for line in signature]
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            + "".join(paras)
            + '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>'
              '<w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800"/></w:sectPr>'
              "</w:body></w:document>")


SIGNATURE = ["【企业名称】（盖章）", "【年】年【月】月【日】日"]

TEMPLATES = {
    "official_letter_template.docx": document(
        "关于申请开展二手车出口业务的函",
        [
            "【省级商务主管部门名称】：",
            "　　我单位【企业名称】（统一社会信用代码：【统一社会信用代码】）成立于【成立日期】，"
            "注册资本【注册资本】万元，经营地址为【经营地址】，主要从事【主营业务】。",
            "　　根据二手车出口管理有关规定，我单位申请开展二手车出口业务，现将二手车出口企业备案申请材料"
            "一并报上，请予审核。",
            "　　联系人：【姓名】　职务：【公司职务】　手机：【手机】　邮箱：【邮箱】",
        ],
        SIGNATURE,
    ),
    "commitment_letter_template.docx": document(
        "企业承诺书",
        [
            "　　本企业【企业名称】（统一社会信用代码：【统一社会信用代码】）就二手车出口企业备案郑重承诺：",
            "　　一、所提交的全部备案材料真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏；",
            "　　二、严格遵守国家二手车出口管理有关规定，依法合规开展二手车出口业务，不出口国家禁止出口的车辆；",
            "　　三、建立健全车辆检测、质量保障和境外售后服务体系，保障境外消费者的合法权益；",
            "　　四、自觉接受商务主管部门的监督管理，按要求如实报送有关信息，备案信息发生变化时及时申请变更；",
            "　　五、如违反上述承诺，愿意承担相应法律责任，并接受撤销备案等处理。",
            "",
            "　　法定代表人（签字）：【法定代表人】",
        ],
        SIGNATURE,
    ),
}


def write(name, document_xml):
    path = OUT / name
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as z:
        for part, text in (("[Content_Types].xml", CONTENT_TYPES), ("_rels/.rels", RELS),
                           ("word/document.xml", document_xml)):
            info = zipfile.ZipInfo(part, date_time=(2026, 1, 1, 0, 0, 0))
            z.writestr(info, text.encode("utf-8"))
    print(f"wrote {path.relative_to(ROOT)} ({path.stat().st_size} bytes)")


if __name__ == "__main__":
    for name, xml in TEMPLATES.items():
        write(name, xml)
