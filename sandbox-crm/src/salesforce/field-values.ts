import { parseTimestamp, salesforceTime } from '../util/time';
import { sfError, sfFail, type SfError } from './errors';
import type { SfField } from './schema';
import type { SfRecord, SfValue } from './store';

/**
 * Turns an incoming JSON value into the stored value for its field, or the error Salesforce reports:
 * a per-record error (bad email, picklist, reference, length) or, for values it cannot deserialize
 * (numbers, dates, booleans), a thrown whole-request JSON_PARSER_ERROR.
 */
export function coerceFieldValue(f: SfField, raw: unknown, findRecord: (id: string) => SfRecord | undefined): SfValue | SfError {
  if (raw === null || raw === undefined || raw === '') return null;
  const text = String(raw);
  switch (f.type) {
    case 'boolean':
      if (typeof raw === 'boolean') return raw;
      throw sfFail(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of boolean from VALUE_STRING value ${text}`);
    case 'int':
    case 'double':
    case 'currency':
    case 'percent':
      if (!Number.isFinite(Number(text))) throw sfFail(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of ${f.type} from VALUE_STRING value ${text}`);
      return Number(text);
    case 'date':
      if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
        throw sfFail(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of date from VALUE_STRING value ${text} or request may be missing a required field`);
      }
      return text;
    case 'datetime': {
      const ms = parseTimestamp(text);
      if (Number.isNaN(ms)) throw sfFail(400, 'JSON_PARSER_ERROR', `Cannot deserialize instance of datetime from VALUE_STRING value ${text}`);
      return salesforceTime(ms);
    }
    case 'email':
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)) return sfError('INVALID_EMAIL_ADDRESS', `${f.name}: invalid email address: ${text}`, [f.name]);
      return text;
    case 'picklist':
      if (f.restrictedPicklist && !f.picklistValues.some((p) => p.value === text)) {
        return sfError('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST', `${f.label}: bad value for restricted picklist field: ${text}`, [f.name]);
      }
      return text;
    case 'reference': {
      if (!/^[a-zA-Z0-9]{15}([a-zA-Z0-9]{3})?$/.test(text)) return sfError('MALFORMED_ID', `${f.label}: id value of incorrect type: ${text}`, [f.name]);
      const target = findRecord(text);
      if (!target || !f.referenceTo.includes(target.type)) {
        return sfError('INVALID_CROSS_REFERENCE_KEY', `${f.label}: id value of incorrect type: ${text}`, [f.name]);
      }
      return target.Id;
    }
    default:
      if (f.length && text.length > f.length) {
        return sfError('STRING_TOO_LONG', `${f.label}: data value too large: ${text.slice(0, 40)} (max length=${f.length})`, [f.name]);
      }
      return text;
  }
}

/** The DUPLICATES_DETECTED error an active standard duplicate rule reports. */
export function duplicatesDetected(objectName: string, matchIds: string[]): SfError {
  return {
    ...sfError('DUPLICATES_DETECTED', 'Use one of these records?', []),
    duplicateResult: {
      allowSave: true,
      duplicateRule: `Standard_${objectName}_Duplicate_Rule`,
      duplicateRuleEntityType: objectName,
      errorMessage: 'Use one of these records?',
      matchResults: [
        {
          entityType: objectName,
          matchEngine: 'ExactMatchEngine',
          matchRecords: matchIds.map((Id) => ({ additionalInformation: [], fieldDiffs: [], matchConfidence: 100, record: { attributes: { type: objectName }, Id } })),
          rule: `Standard_${objectName}_Match_Rule_v1_0`,
          size: matchIds.length,
          success: true,
        },
      ],
    },
  };
}
