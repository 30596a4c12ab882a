// Every action the platform writes to the audit log, named in Korean and English: read-audit-log.ts
// names each entry's action with it, and the administration page offers it in the log's search.
import type { Bilingual } from './bilingual.ts';

/** Every action the platform writes to audit_log (grep `action: '` in src/app and src/adapters/db). */
export const AUDIT_ACTIONS: Record<string, Bilingual> = {
  'sign-in': { ko: '로그인', en: 'Signed in' },
  'auth.sign-in-failed': { ko: '로그인 실패', en: 'Sign-in failed' },
  'auth.passkey-sign-in-failed': { ko: '패스키 로그인 실패', en: 'Passkey sign-in failed' },
  'auth.consumer-sign-in-failed': { ko: '소비자 본인확인 실패', en: 'Consumer sign-in failed' },
  'user.create': { ko: '직원 계정 생성', en: 'Staff account created' },
  'user.password-reset': { ko: '직원 비밀번호 재설정', en: 'Staff password reset' },
  'user.password-change': { ko: '본인 비밀번호 변경', en: 'Own password changed' },
  'user.password-change-failed': { ko: '본인 비밀번호 변경 실패(현재 비밀번호 틀림)', en: 'Own password change failed (wrong current password)' },
  'user.disable': { ko: '직원 계정 비활성화', en: 'Staff account disabled' },
  'user.enable': { ko: '직원 계정 활성화', en: 'Staff account enabled' },
  'operator.create': { ko: '운영자 등록', en: 'Operator registered' },
  'api-key.create': { ko: 'API 키 발급', en: 'API key issued' },
  'api-key.revoke': { ko: 'API 키 폐기', en: 'API key revoked' },
  'reference.exchange-rates.upload': { ko: '과세환율 업로드', en: 'Exchange rates uploaded' },
  'reference.tariff.upload': { ko: '관세율표 업로드', en: 'Tariff lines uploaded' },
  'risk-model.upload': { ko: '위험 모델 업로드', en: 'Risk model uploaded' },
  'risk-model.activate': { ko: '위험 모델 적용', en: 'Risk model activated' },
  // mirrored from risk_rule_audit (migration 090)
  'risk-rule.draft_created': { ko: '위험 규칙 초안 작성', en: 'Risk rule draft created' },
  'risk-rule.draft_updated': { ko: '위험 규칙 초안 수정', en: 'Risk rule draft changed' },
  'risk-rule.dry_run': { ko: '위험 규칙 초안 시험(과거 신고)', en: 'Risk rule draft tried on past declarations' },
  'risk-rule.published': { ko: '위험 규칙 게시', en: 'Risk rules published' },
  'risk-rule.publish_refused': { ko: '위험 규칙 게시 거절', en: 'Risk rule publication refused' },
  'risk_exchange.partner_registered': { ko: '정보교환 상대기관 등록', en: 'Exchange partner registered' },
  'risk_exchange.partner_key_added': { ko: '상대기관 키 추가', en: 'Partner key added' },
  'risk_exchange.partner_key_revoked': { ko: '상대기관 키 폐기', en: 'Partner key revoked' },
  'risk_exchange.partner_key_compromise_stated': { ko: '상대기관 키 유출 기록', en: 'Partner key compromise stated' },
  'account-closure.retry': { ko: '가상계좌 해지 재시도', en: 'Virtual account close retried' },
  'holder-notice.requeue': { ko: '발송 포기된 보안 알림 다시 보내기', en: 'Given-up security notice sent again' },
  // a deposit paid back twice resolved as refunded before migration 116, opened again (its earlier resolution in detail): migrations/119
  'refund-due.reopened': { ko: '환불 대상 다시 열림(이전 처리 결과 무효)', en: 'Refund due opened again (earlier outcome no longer valid)' },
  // closed with a hold that makes the taxes not payable (관세법 제19조①1 a "not me" report, 제9조 the engine's hold): reassessment-refunds.ts
  'account-closure.held': { ko: '통관보류로 가상계좌 해지', en: 'Virtual account closed: parcel held' },
  'secret-key.rotate': { ko: '암호화 키 교체', en: 'Secret key rotated' },
  'passkey.register': { ko: '패스키 등록', en: 'Passkey registered' },
  'passkey.remove': { ko: '패스키 삭제', en: 'Passkey removed' },
  'pccc.not-me': { ko: '"본인 아님" 신고', en: '"Not me" report' },
  'pccc.not-me.closed': { ko: '"본인 아님" 신고 종결', en: '"Not me" report closed' },
  'consent.request': { ko: '구매 동의 요청', en: 'Consent requested' },
  'consent.request-refused': { ko: '구매 동의 요청 거절', en: 'Consent request refused' },
  'consent.wrong-number': { ko: '동의 요청 번호 불일치', en: 'Consent: wrong number' },
  'consent.approved': { ko: '구매 동의', en: 'Consent given' },
  'consent.declined': { ko: '구매 동의 거부', en: 'Consent declined' },
};
