"""Write raw/warc/2024-12-09.warc.gz: one new article (GBK, its charset only in the HTTP header), a
re-capture of a bundled page (an exact copy), and what a crawl also holds (a request, an image, a 404).

Run from the repository root; WARC dates and record ids are new each time, so the bytes differ.
"""
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

ARTICLE = """<!DOCTYPE html><html><head><title>催收电话自称律师，怎样核实对方身份？_维权小站</title></head>
<body><div class="nav"><a href="/">首页</a> &gt; <a href="/cs/">催收应对</a> &gt; 正文</div>
<div class="main"><h1>催收电话自称律师，怎样核实对方身份？</h1>
<div class="info">2024-12-09 10:20 来源：维权小站 作者：小周</div>
<div class="content">
<p>不少网友反映，网贷逾期后接到自称“律师事务所”的电话，对方报出姓名和执业证号，说要起诉或者上门。遇到这种情况，先不要慌，也不要在电话里透露更多个人信息。</p>
<h2>一、先查律师和律所是否真实</h2>
<p>可以在司法行政机关的律师查询平台，输入对方报出的姓名和执业证号，看看律所名称是否一致。查不到、对不上的，多半是冒充的催收人员。</p>
<h2>二、要求出示委托书</h2>
<p>真正受平台委托的律师，应当能够出示债权人的书面委托。可以请对方把委托书和律师证的照片发到平台的官方渠道，再打平台官方客服电话核实。</p>
<h2>三、协商还款走官方渠道</h2>
<p>如果确实欠款，可以直接联系平台客服，说明收入下降等实际困难，申请分期或者延期，并保留通话录音和书面记录。不要把钱转到对方提供的个人账户。</p>
</div>
<div class="share">分享到：微信 微博 QQ空间</div>
<div class="footer">版权所有 维权小站 京ICP备00000000号-1</div></div></body></html>"""


def response(w, url, body, ctype, status="200 OK"):
    http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    w.write_record(w.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))


with open("raw/warc/2024-12-09.warc.gz", "wb") as fh:
    w = WARCWriter(fh, gzip=True)
    w.write_record(w.create_warcinfo_record("2024-12-09.warc.gz", {"software": "sample crawl", "format": "WARC/1.0"}))
    url = "https://weiquan.example.cn/cs/20241209.html"
    w.write_record(w.create_warc_record(url, "request", payload=BytesIO(b"GET /cs/20241209.html HTTP/1.1\r\n\r\n"),
                                        warc_content_type="application/http; msgtype=request"))
    response(w, url, ARTICLE.encode("gbk"), "text/html; charset=GBK")
    response(w, "https://weiquan.example.cn/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), "image/png")
    response(w, "https://weiquan.example.cn/cs/old.html", "<html><body>页面不存在</body></html>".encode(), "text/html",
             "404 Not Found")
    response(w, "https://anxin.example.com/huabei/fenqi.html", Path("raw/sites/anxin_huabei_fenqi.html").read_bytes(),
             "text/html; charset=utf-8")
