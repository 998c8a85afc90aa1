"""HSEEP's vocabulary for what an exercise tests: FEMA's five mission areas and the 32 core
capabilities of the National Preparedness Goal (second edition, 2015), spelled as FEMA spells
them, so an objective in a scenario maps to the capability an AAR/IP reader looks for.

A social-media crisis drill is a Response exercise, and most of its objectives test the three
capabilities common to every mission area (Planning, Public Information and Warning, Operational
Coordination); the rest are listed so a scenario can name any of them.
"""

from __future__ import annotations

from enum import StrEnum


class MissionArea(StrEnum):
    PREVENTION = "Prevention"
    PROTECTION = "Protection"
    MITIGATION = "Mitigation"
    RESPONSE = "Response"
    RECOVERY = "Recovery"


class CoreCapability(StrEnum):
    # Common to all five mission areas.
    PLANNING = "Planning"
    PUBLIC_INFORMATION_AND_WARNING = "Public Information and Warning"
    OPERATIONAL_COORDINATION = "Operational Coordination"
    # Prevention and protection.
    INTELLIGENCE_AND_INFORMATION_SHARING = "Intelligence and Information Sharing"
    INTERDICTION_AND_DISRUPTION = "Interdiction and Disruption"
    SCREENING_SEARCH_AND_DETECTION = "Screening, Search, and Detection"
    FORENSICS_AND_ATTRIBUTION = "Forensics and Attribution"
    ACCESS_CONTROL_AND_IDENTITY_VERIFICATION = "Access Control and Identity Verification"
    CYBERSECURITY = "Cybersecurity"
    PHYSICAL_PROTECTIVE_MEASURES = "Physical Protective Measures"
    RISK_MANAGEMENT_FOR_PROTECTION = "Risk Management for Protection Programs and Activities"
    SUPPLY_CHAIN_INTEGRITY_AND_SECURITY = "Supply Chain Integrity and Security"
    # Mitigation.
    COMMUNITY_RESILIENCE = "Community Resilience"
    LONG_TERM_VULNERABILITY_REDUCTION = "Long-term Vulnerability Reduction"
    RISK_AND_DISASTER_RESILIENCE_ASSESSMENT = "Risk and Disaster Resilience Assessment"
    THREATS_AND_HAZARDS_IDENTIFICATION = "Threats and Hazards Identification"
    # Response.
    CRITICAL_TRANSPORTATION = "Critical Transportation"
    ENVIRONMENTAL_RESPONSE_HEALTH_AND_SAFETY = "Environmental Response/Health and Safety"
    FATALITY_MANAGEMENT_SERVICES = "Fatality Management Services"
    FIRE_MANAGEMENT_AND_SUPPRESSION = "Fire Management and Suppression"
    INFRASTRUCTURE_SYSTEMS = "Infrastructure Systems"
    LOGISTICS_AND_SUPPLY_CHAIN_MANAGEMENT = "Logistics and Supply Chain Management"
    MASS_CARE_SERVICES = "Mass Care Services"
    MASS_SEARCH_AND_RESCUE_OPERATIONS = "Mass Search and Rescue Operations"
    ON_SCENE_SECURITY = "On-scene Security, Protection, and Law Enforcement"
    OPERATIONAL_COMMUNICATIONS = "Operational Communications"
    PUBLIC_HEALTH_HEALTHCARE_AND_EMS = "Public Health, Healthcare, and Emergency Medical Services"
    SITUATIONAL_ASSESSMENT = "Situational Assessment"
    # Recovery.
    ECONOMIC_RECOVERY = "Economic Recovery"
    HEALTH_AND_SOCIAL_SERVICES = "Health and Social Services"
    HOUSING = "Housing"
    NATURAL_AND_CULTURAL_RESOURCES = "Natural and Cultural Resources"
