"""Glossary, document templates and incidents over the default content."""

import pytest
from sqlalchemy import func, select

from ecmanual.domain.errors import ConflictError, InputError, PermissionDenied
from ecmanual.persistence.models import AuditEntry
from ecmanual.services import documents, glossary, incidents, search
from ecmanual.services.glossary import TermInfo


def test_glossary_search_by_reading_and_term(seeded_db, viewer):
    terms = glossary.list_terms(seeded_db, viewer)
    assert len(terms) >= 30
    by_kata = glossary.list_terms(seeded_db, viewer, "カイフウ")
    by_hira = glossary.list_terms(seeded_db, viewer, "かいふう")
    assert "開封率" in {t.term for t in by_kata} and {t.term for t in by_kata} == {t.term for t in by_hira}
    assert "セグメント" in {t.term for t in glossary.list_terms(seeded_db, viewer, "せぐめんと")}
    assert glossary.get_term(seeded_db, viewer, "開封率").definition


def test_glossary_edit_audit_conflict_and_search(seeded_db, editor, viewer):
    tid = glossary.save_term(seeded_db, editor, TermInfo(None, "ステップメール", "すてっぷめーる", "EC用語",
                                                         "登録日などを起点に、あらかじめ決めた順序と間隔で自動送信するメール", "Step email"))
    hits = search.search(seeded_db, viewer, "ステップメール")
    assert (hits[0].entity, hits[0].entity_id) == ("glossary_term", tid)
    term = glossary.get_term(seeded_db, editor, "ステップメール")
    glossary.save_term(seeded_db, editor, TermInfo(tid, "ステップメール", "すてっぷめーる", "EC用語", "定義を更新", version=term.version))
    with pytest.raises(ConflictError):
        glossary.save_term(seeded_db, editor, TermInfo(tid, "ステップメール", "すてっぷめーる", "EC用語", "古い版から", version=term.version))
    with pytest.raises(InputError, match="already exists"):
        glossary.save_term(seeded_db, editor, TermInfo(None, "開封率", None, None, "重複"))
    with pytest.raises(PermissionDenied):
        glossary.save_term(seeded_db, viewer, TermInfo(None, "新語", None, None, "x"))
    with seeded_db.read() as s:
        n = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.entity == "glossary_term",
                                                                         AuditEntry.entity_id == str(tid)))
    assert n == 2
    glossary.delete_term(seeded_db, editor, "ステップメール")
    assert ("glossary_term", tid) not in {(h.entity, h.entity_id) for h in search.search(seeded_db, viewer, "ステップメール")}


def test_fill_and_duplicate_a_template(seeded_db, editor):
    names = {t.name for t in documents.list_templates(seeded_db, editor)}
    assert {"配信企画書", "効果測定レポート", "緊急対応連絡", "実験計画書", "レビュー会議アジェンダ", "ナレッジカード"} <= names
    tpl = next(t for t in documents.list_templates(seeded_db, editor) if t.name == "配信企画書")
    values = {f["key"]: ("2026-04-22" if f.get("kind") == "date" else "1" if f.get("kind") == "number" else "内容")
              for f in tpl.fields()}
    doc_id = documents.save_document(seeded_db, editor, "配信企画書", "GW先行セール LINE配信", values)
    copy_id = documents.duplicate_document(seeded_db, editor, doc_id)
    assert documents.get_document(seeded_db, editor, copy_id).title == "GW先行セール LINE配信(コピー)"
    required = next(f for f in tpl.fields() if f.get("required"))
    with pytest.raises(InputError, match=required["label"]):
        documents.save_document(seeded_db, editor, "配信企画書", "欠落", {k: v for k, v in values.items()
                                                                           if k != required["key"]})


def test_incident_follows_the_emergency_flow(seeded_db, editor):
    inc_id = incidents.open_incident(seeded_db, editor, "誤配信(全顧客へテスト文面)", "テスト文面が本番配信された",
                                     severity="high")
    info = incidents.get_incident(seeded_db, editor, inc_id)
    assert [st.name for st in info.steps][:2] == ["問題発覚", "情報システム部へ報告"] and len(info.steps) == 7
    assert info.steps[0].done_at is not None and info.next_step.seq == 2
    with pytest.raises(InputError, match="comes first"):
        incidents.complete_step(seeded_db, editor, inc_id, 4)
    for seq in range(2, 8):
        incidents.complete_step(seeded_db, editor, inc_id, seq, note=f"手順{seq}完了")
    info = incidents.get_incident(seeded_db, editor, inc_id)
    assert info.status == "closed" and all(st.done_by == "編集 花子" for st in info.steps)
    values = incidents.emergency_contact_values(info)
    values.update(impact="LINE友だち全員", contacts=["情報システム部門長", "広報"])
    doc_id = documents.save_document(seeded_db, editor, "緊急対応連絡", info.title, values)
    assert "誤配信" in documents.get_document(seeded_db, editor, doc_id).values["problem"]
    assert incidents.list_risks(seeded_db, editor)[0].level == "high"
